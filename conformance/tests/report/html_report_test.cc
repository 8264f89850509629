#include "conformance/report/html_report.h"

#include <gtest/gtest.h>

#include "conformance/tests/report/sample_report.h"

namespace ock::conformance::report {
namespace {

using testing::sample_report;

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1))
    ++n;
  return n;
}

TEST(HtmlReportTest, IsOneSelfContainedDocument) {
  const std::string html = to_html(sample_report());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(count(html, "<style>"), 1);
  EXPECT_EQ(count(html, "<script>"), 1);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("</html>\n"), std::string::npos);
}

TEST(HtmlReportTest, EscapesTargetText) {
  const std::string html = to_html(sample_report());
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("demo &lt;&amp;&gt; &quot;target&quot;"), std::string::npos);
  EXPECT_NE(html.find("&quot;note&quot;:&quot;&lt;b&gt;caf\xC3\xA9"), std::string::npos);
  EXPECT_EQ(html.find('\0'), std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
}

TEST(HtmlReportTest, HasStableFilterControlsAndRowAttributes) {
  const std::string html = to_html(sample_report());
  for (const char* v : {"PASS", "FAIL", "WARN", "SKIP", "ERROR"}) {
    EXPECT_NE(html.find(std::string("id=\"filter-verdict-") + v + "\""), std::string::npos) << v;
  }
  for (const char* a :
       {"discovery", "password", "client_auth", "token_response", "refresh", "bearer"}) {
    EXPECT_NE(html.find(std::string("id=\"filter-area-") + a + "\""), std::string::npos) << a;
  }
  EXPECT_EQ(count(html, "class=\"case-row\""), 8);
  EXPECT_EQ(count(html, "data-verdict=\"FAIL\" data-area="), 2);
  EXPECT_EQ(count(html, "data-area=\"password\" data-id="), 2);
  EXPECT_EQ(count(html, "data-baselined=\"true\">"), 1);
  EXPECT_EQ(count(html, "data-stale=\"true\">"), 1);
  EXPECT_NE(html.find("id=\"case-password_error_wrong_password\""), std::string::npos);
}

TEST(HtmlReportTest, ShowsEvidenceAndLinks) {
  const std::string html = to_html(sample_report());
  EXPECT_NE(html.find("href=\"https://www.rfc-editor.org/rfc/rfc6749#section-5.2\""),
            std::string::npos);
  EXPECT_NE(html.find("no refresh token issued"), std::string::npos);
  EXPECT_NE(html.find("server also publishes a jwks_uri"), std::string::npos);
  EXPECT_NE(html.find("<td>invalid_grant</td><td>&lt;absent&gt; | `none`</td>"), std::string::npos);
  EXPECT_NE(html.find("4 passed, 3 failed, 1 skipped"), std::string::npos);
}

TEST(HtmlReportTest, InsecureBannerOnlyWhenInsecure) {
  RunReport r = sample_report();
  EXPECT_NE(to_html(r).find("id=\"insecure-banner\""), std::string::npos);
  r.insecure = false;
  EXPECT_EQ(to_html(r).find("id=\"insecure-banner\""), std::string::npos);
}

TEST(HtmlReportTest, NoRowIsHiddenInTheMarkup) {
  // Without JavaScript every case stays visible; filters only ever hide rows at run time.
  const std::string html = to_html(sample_report());
  EXPECT_EQ(html.find(" hidden="), std::string::npos);
  EXPECT_EQ(html.find(" hidden>"), std::string::npos);
}

}  // namespace
}  // namespace ock::conformance::report
