#include "conformance/report/compare_report.h"

#include <gtest/gtest.h>

#include "conformance/tests/report/golden.h"
#include "conformance/tests/report/sample_report.h"

namespace ock::conformance::report {
namespace {

using testing::sample_report;

RunReport other_report() { return testing::other_sample_report(); }

std::string line_with(const std::string& text, const std::string& needle) {
  auto pos = text.find(needle);
  if (pos == std::string::npos) return "";
  auto start = text.rfind('\n', pos) + 1;
  return text.substr(start, text.find('\n', pos) - start);
}

TEST(CompareReportTest, MarkdownMatchesGolden) {
  EXPECT_TRUE(
      testing::matches_golden(compare_markdown({sample_report(), other_report()}), "compare.md"));
}

TEST(CompareReportTest, MarkdownRowsAreTheUnionInFirstAppearanceOrder) {
  const std::string md = compare_markdown({sample_report(), other_report()});
  EXPECT_NE(md.find("| Case | demo &lt;&amp;&gt; \"target\" | django-oauth-toolkit |"),
            std::string::npos);
  const auto first = md.find("`discovery.metadata.issuer`");
  const auto rotation = md.find("`refresh.rotation`");
  const auto last = md.find("`introspection.active`");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(rotation, std::string::npos);
  ASSERT_NE(last, std::string::npos);
  EXPECT_LT(first, rotation);
  EXPECT_LT(rotation, last);
  EXPECT_EQ(line_with(md, "`refresh.rotation`"), "| `refresh.rotation` | SKIP | \u2014 |");
  EXPECT_EQ(line_with(md, "`introspection.active`"), "| `introspection.active` | \u2014 | PASS |");
  EXPECT_EQ(line_with(md, "`password.error.wrong_password`"),
            "| `password.error.wrong_password` | **FAIL** | PASS |");
  EXPECT_EQ(line_with(md, "`client_auth.wrong_secret`"),
            "| `client_auth.wrong_secret` | FAIL (baseline) | FAIL (baseline) |");
  EXPECT_EQ(line_with(md, "***passed"),
            "| ***passed / failed / skipped*** | **4 / 3 / 1** | **6 / 2 / 0** |");
}

TEST(CompareReportTest, HtmlColoursCellsAndMarksBaselines) {
  const std::string html = compare_html({sample_report(), other_report()});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"v-FAIL baselined\" data-verdict=\"FAIL\""), std::string::npos);
  EXPECT_NE(html.find("<td class=\"v-PASS stale\" data-verdict=\"PASS\""), std::string::npos);
  EXPECT_NE(html.find("<td class=\"missing\""), std::string::npos);
  EXPECT_NE(html.find("demo &lt;&amp;&gt; &quot;target&quot;"), std::string::npos);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  // 8 cases in the first run, 8 in the second (one removed, one added): 16 verdict cells.
  int cells = 0;
  for (auto pos = html.find("data-verdict="); pos != std::string::npos;
       pos = html.find("data-verdict=", pos + 1))
    ++cells;
  EXPECT_EQ(cells, 16);
}

TEST(CompareReportTest, RunsOfTheSameTargetGetDistinctColumns) {
  RunReport a = sample_report();
  RunReport b = sample_report();
  b.started = "2026-01-03T00:00:00Z";
  RunReport c = sample_report();
  const std::string md = compare_markdown({a, b, c});
  EXPECT_NE(md.find("(2026-01-01T00:00:00Z) |"), std::string::npos);
  EXPECT_NE(md.find("(2026-01-03T00:00:00Z) |"), std::string::npos);
  EXPECT_NE(md.find("(2026-01-01T00:00:00Z) #2 |"), std::string::npos);
}

TEST(CompareReportTest, NoReportsGivesAnEmptyMatrix) {
  EXPECT_NE(compare_markdown({}).find("| Case |"), std::string::npos);
  EXPECT_NE(compare_html({}).find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace ock::conformance::report
