#include "reference-server/core/html.h"

#include <gtest/gtest.h>

namespace ock::server {
namespace {

std::string header_of(const ApiReply& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST(HtmlTest, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(html_escape(R"(<a href="x" title='y'>&amp;</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
  EXPECT_EQ(html_escape("zoë: plain text"), "zoë: plain text");
  EXPECT_EQ(html_escape(""), "");
}

TEST(HtmlTest, PagesRefuseFramingAndCaching) {
  ApiReply r = html_page(400, "Bad <request>", "<p>body</p>\n");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(header_of(r, "X-Frame-Options"), "DENY");
  EXPECT_EQ(header_of(r, "Content-Security-Policy"), "frame-ancestors 'none'");
  EXPECT_EQ(header_of(r, "Cache-Control"), "no-store");
  EXPECT_EQ(header_of(r, "Pragma"), "no-cache");
  EXPECT_EQ(r.body.find("<request>"), std::string::npos) << "the title is escaped";
  EXPECT_NE(r.body.find("<title>Bad &lt;request&gt;</title>"), std::string::npos);
  EXPECT_NE(r.body.find("<p>body</p>"), std::string::npos);
  EXPECT_EQ(r.body.rfind("<!DOCTYPE html>", 0), 0u);
}

}  // namespace
}  // namespace ock::server
