#include "conformance/report/markdown_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "conformance/tests/report/golden.h"
#include "conformance/tests/report/sample_report.h"

namespace ock::conformance::report {
namespace {

using testing::sample_report;

TEST(MarkdownReportTest, MatchesGolden) {
  EXPECT_TRUE(testing::matches_golden(to_markdown(sample_report()), "report.md"));
}

TEST(MarkdownReportTest, StartsWithTitleAndSummary) {
  const std::string md = to_markdown(sample_report());
  EXPECT_EQ(md.rfind("# OAuth 2.0 conformance: demo &lt;&amp;&gt; \"target\"\n", 0), 0u);
  EXPECT_NE(md.find("| 3 | 2 | 1 | 1 | 1 |"), std::string::npos);
  EXPECT_NE(md.find("**4 passed, 3 failed, 1 skipped**"), std::string::npos);
  EXPECT_NE(md.find("--insecure"), std::string::npos);
}

TEST(MarkdownReportTest, LinksRfcSections) {
  const std::string md = to_markdown(sample_report());
  EXPECT_NE(md.find("[RFC 6749 \u00a75.2][rfc6749-5.2]"), std::string::npos);
  EXPECT_NE(md.find("\n[rfc6749-5.2]: https://www.rfc-editor.org/rfc/rfc6749#section-5.2\n"),
            std::string::npos);
  EXPECT_NE(md.find("[rfc6749-a.1]: https://www.rfc-editor.org/rfc/rfc6749#appendix-A.1\n"),
            std::string::npos);
}

TEST(MarkdownReportTest, SectionsListFailuresErrorsStaleAndWarnings) {
  const std::string md = to_markdown(sample_report());
  const auto failures = md.find("## Failures (1)");
  const auto errors = md.find("## Errors (1)");
  const auto stale = md.find("## Stale baseline entries (1)");
  const auto warnings = md.find("## Warnings (1)");
  const auto expected = md.find("## Expected failures (baseline) (1)");
  const auto all = md.find("## All cases (8)");
  ASSERT_NE(failures, std::string::npos);
  ASSERT_NE(all, std::string::npos);
  EXPECT_LT(failures, errors);
  EXPECT_LT(errors, stale);
  EXPECT_LT(stale, warnings);
  EXPECT_LT(warnings, expected);
  EXPECT_LT(expected, all);
  // The failure section shows expected vs actual per failed assertion, passing ones omitted.
  EXPECT_NE(md.find("| `status` | FAIL | 400 | 200 |"), std::string::npos);
  EXPECT_EQ(md.find("| `content_type` |"), std::string::npos);
}

TEST(MarkdownReportTest, AllCasesTableHasOneRowPerCase) {
  const std::string md = to_markdown(sample_report());
  std::istringstream in(md.substr(md.find("## All cases")));
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.rfind("| ", 0) == 0 && line.rfind("| ---", 0) != 0) ++rows;
  }
  EXPECT_EQ(rows, 1 + 8);  // header + one row per case
}

TEST(MarkdownReportTest, EscapesTargetText) {
  const std::string md = to_markdown(sample_report());
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_NE(md.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(md.find("\\*ask\\* \\@alice about \\[caching\\]"), std::string::npos);
  EXPECT_EQ(md.find('\0'), std::string::npos);
  EXPECT_EQ(md.find('\x1b'), std::string::npos);
  // A pipe in a table cell is escaped so it cannot open a new column.
  EXPECT_NE(md.find("&lt;absent&gt; \\| \\`none\\`"), std::string::npos);
}

TEST(MarkdownReportTest, FencesOutgrowBackticksInExchanges) {
  const std::string md = to_markdown(sample_report());
  EXPECT_NE(md.find("````http\nHTTP/1.1 200 OK"), std::string::npos);
}

TEST(MarkdownReportTest, CutsLongExchangesOnACharacterBoundary) {
  RunReport r = sample_report();
  // 1999 ASCII bytes, then a 2-byte character straddling the 2000-byte cap.
  r.results[1].exchanges[0].response = std::string(1999, 'x') + "\xC3\xA9" + std::string(500, 'y');
  const std::string md = to_markdown(r);
  EXPECT_NE(md.find(std::string(1999, 'x') + "\n\u2026 (cut at 1999 of 2501 bytes"),
            std::string::npos);
  EXPECT_EQ(md.find("\xEF\xBF\xBD (cut"), std::string::npos);  // no half character
  EXPECT_EQ(md.find("yyyy"), std::string::npos);
  EXPECT_NE(md.find("grant_type=password"), std::string::npos);  // the request is short: whole
}

TEST(MarkdownReportTest, StaysShortEnoughForAPullRequestComment) {
  // 20 failures, each with four 10 kB exchanges, in a run of 97 cases.
  RunReport r = sample_report();
  CaseResult noisy = r.results[1];
  noisy.exchanges.assign(4, {"big", std::string(5000, 'q'), std::string(5000, 'r')});
  for (int i = 0; i < 20; ++i) {
    noisy.id = "password.error.noisy" + std::to_string(i);
    r.results.push_back(noisy);
  }
  CaseResult quiet = r.results[0];
  for (int i = 0; i < 69; ++i) {
    quiet.id = "discovery.passing" + std::to_string(i);
    r.results.push_back(quiet);
  }
  const std::string md = to_markdown(r);
  EXPECT_LT(md.size(), 65536u);
  EXPECT_NE(md.find("4 exchanges left out to keep this report short"), std::string::npos);
  EXPECT_NE(md.find("`password.error.noisy19`"), std::string::npos);  // every case still listed
}

TEST(MarkdownCodeTest, PicksAFenceLongerThanAnyBacktickRun) {
  EXPECT_EQ(markdown_code("a.b", false), "`a.b`");
  EXPECT_EQ(markdown_code("a`b", false), "``a`b``");
  EXPECT_EQ(markdown_code("`x", false), "`` `x ``");
  EXPECT_EQ(markdown_code("a|b", true), "`a\\|b`");
  EXPECT_EQ(markdown_code("a\nb", false), "`a b`");
}

}  // namespace
}  // namespace ock::conformance::report
