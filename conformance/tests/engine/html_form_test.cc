// Unit tests of engine/html_form.h: the login page's forms and its character references, which
// come from the target and are written back as UTF-8 (model/utf8.h).
#include "conformance/engine/html_form.h"

#include <gtest/gtest.h>

#include <string>

namespace ock::conformance::engine {
namespace {

TEST(DecodeEntitiesTest, NamedAndNumericReferencesBecomeUtf8) {
  EXPECT_EQ(decode_entities("a&amp;b &lt;&gt; &quot;x&quot; &#39;"), "a&b <> \"x\" '");
  EXPECT_EQ(decode_entities("&#65;&#x42;&#X43;"), "ABC");
  EXPECT_EQ(decode_entities("&#xE9;"), "\xC3\xA9");             // é, two bytes
  EXPECT_EQ(decode_entities("&#x20AC;"), "\xE2\x82\xAC");       // €, three bytes
  EXPECT_EQ(decode_entities("&#x1F600;"), "\xF0\x9F\x98\x80");  // four bytes
}

TEST(DecodeEntitiesTest, ReferencesToNoCharacterBecomeTheReplacementCharacter) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(decode_entities("&#0;"), fffd);
  EXPECT_EQ(decode_entities("&#xD800;"), fffd);    // a surrogate
  EXPECT_EQ(decode_entities("&#x110000;"), fffd);  // past U+10FFFF
}

TEST(DecodeEntitiesTest, WhatItCannotReadStaysAsWritten) {
  EXPECT_EQ(decode_entities("&nbsp; &#; &#xZZ; & alone"), "&nbsp; &#; &#xZZ; & alone");
}

TEST(ParseFormsTest, ReadsMethodActionAndDecodedValues) {
  auto forms = parse_forms(
      "<p>hi</p><FORM method=POST action=\"/login?next=%2F&amp;x=1\">"
      "<input type=hidden name=csrf value='t&#x41;k'><input name=username>"
      "<button type=submit name=go value=yes>Go</button></form>");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].method, "post");
  EXPECT_EQ(forms[0].action, "/login?next=%2F&x=1");
  const HtmlField* csrf = forms[0].field("csrf");
  ASSERT_NE(csrf, nullptr);
  EXPECT_EQ(csrf->type, "hidden");
  EXPECT_EQ(csrf->value, "tAk");
  ASSERT_NE(forms[0].field("go"), nullptr);
  EXPECT_EQ(forms[0].field("go")->tag, "button");
  EXPECT_EQ(forms[0].field("missing"), nullptr);
}

}  // namespace
}  // namespace ock::conformance::engine
