#include "conformance/report/text_escape.h"

#include <gtest/gtest.h>

#include <string>

namespace ock::conformance::report {
namespace {

using namespace std::string_literals;

TEST(TextEscapeTest, SanitizeKeepsValidTextAndReplacesTheRest) {
  EXPECT_EQ(sanitize_text("caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x98\x80 tab\tlf\ncr\r"),
            "caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x98\x80 tab\tlf\ncr\r");
  EXPECT_EQ(sanitize_text("a\0b"s),
            "a\xE2\x90\x80"
            "b");                                                    // NUL -> U+2400
  EXPECT_EQ(sanitize_text("\x1b[0m"), "\xE2\x90\x9B[0m");            // ESC -> U+241B
  EXPECT_EQ(sanitize_text("x\xFFy"), "x\xEF\xBF\xBDy");              // stray byte
  EXPECT_EQ(sanitize_text("\xC3"), "\xEF\xBF\xBD");                  // truncated sequence
  EXPECT_EQ(sanitize_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(sanitize_text("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(sanitize_text("\xEF\xBF\xBF"), "\xEF\xBF\xBD");                          // U+FFFF
}

TEST(TextEscapeTest, XmlEscapesMarkupAndAttributeWhitespace) {
  EXPECT_EQ(escape_xml("<a href=\"x\">&'</a>", false),
            "&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;");
  EXPECT_EQ(escape_xml("it's\ta\nb\r", true), "it&apos;s&#9;a&#10;b&#13;");
  EXPECT_EQ(escape_xml("a\nb\r\n", false), "a\nb&#13;\n");
}

TEST(TextEscapeTest, NormalizeNewlinesFoldsCrLfOnly) {
  EXPECT_EQ(normalize_newlines("a\r\nb\rc\n\r\n"), "a\nb\rc\n\n");
}

TEST(TextEscapeTest, HtmlEscapesQuotes) {
  EXPECT_EQ(escape_html("<img src=x onerror='a'>&\""),
            "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;");
}

TEST(TextEscapeTest, MarkdownNeutralisesFormattingMentionsAndTables) {
  EXPECT_EQ(escape_markdown("*b* _i_ `c` [l](u) a|b @bob <x> ~s~"),
            "\\*b\\* \\_i\\_ \\`c\\` \\[l\\](u) a\\|b \\@bob &lt;x&gt; \\~s\\~");
  EXPECT_EQ(escape_markdown("line1\r\nline2\nline3"), "line1 line2 line3");
  EXPECT_EQ(escape_markdown("back\\slash"), "back\\\\slash");
}

}  // namespace
}  // namespace ock::conformance::report
