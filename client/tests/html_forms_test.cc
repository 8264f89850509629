// Unit tests of the login-page reader: the forms of the reference server's and Django's pages,
// entities in actions and values, comments, and hostile markup that must not throw.
#include "client/html_forms.h"

#include <gtest/gtest.h>

namespace ock::client {
namespace {

TEST(ReadFormsTest, ReadsADjangoStyleLoginForm) {
  const auto forms = read_forms(
      R"(<html><body><!-- <form action="/fake"> -->
      <form action="/admin/login/?next=/oauth/authorize/%3Fa%3D1&amp;b=2" method="POST" id="login-form">
      <input type='hidden' name="csrfmiddlewaretoken" value="tok&#39;en">
      <input type="text" name=username autofocus required>
      <input type="password" name="password">
      <input type="submit" value="Log in">
      </form></body></html>)");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].method, "post");
  EXPECT_EQ(forms[0].action, "/admin/login/?next=/oauth/authorize/%3Fa%3D1&b=2");
  ASSERT_EQ(forms[0].fields.size(), 3u);
  EXPECT_EQ(forms[0].fields[0].name, "csrfmiddlewaretoken");
  EXPECT_EQ(forms[0].fields[0].value, "tok'en");
  EXPECT_EQ(forms[0].fields[0].type, "hidden");
  EXPECT_TRUE(forms[0].has("username"));
  EXPECT_TRUE(forms[0].has("password"));
  EXPECT_FALSE(forms[0].has("allow"));
}

TEST(ReadFormsTest, ReadsConsentButtonsAndFieldsOutsideFormsAreIgnored) {
  const auto forms = read_forms(
      R"(<input name="stray" value="x"><FORM method=post><button name="decision" value="allow">Allow</button>
         <button name="decision" value="deny" type="submit">Deny</button></FORM>)");
  ASSERT_EQ(forms.size(), 1u);
  ASSERT_EQ(forms[0].fields.size(), 2u);
  EXPECT_EQ(forms[0].fields[0].type, "submit");
  EXPECT_EQ(forms[0].fields[0].value, "allow");
  EXPECT_EQ(forms[0].action, "");
  EXPECT_FALSE(forms[0].has("stray"));
}

TEST(ReadFormsTest, HostileMarkupGivesWhatItCanAndNeverThrows) {
  EXPECT_TRUE(read_forms("").empty());
  EXPECT_TRUE(read_forms("<").empty());
  EXPECT_TRUE(read_forms("<!--").empty());
  const auto forms = read_forms(R"(<form action="unterminated><input name="a" value='b)");
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(read_forms(std::string(100000, '<')).size(), 0u);
}

TEST(HtmlUnescapeTest, DecodesNamedAndNumericEntities) {
  EXPECT_EQ(html_unescape("a&amp;b&lt;&gt;&quot;&#39;&#x41;&#x27;"), "a&b<>\"'A'");
  EXPECT_EQ(html_unescape("&#233;"), "&#233;");  // beyond ASCII: kept as written
  EXPECT_EQ(html_unescape("&unknown; & &#xZZ; &#99999999999;"),
            "&unknown; & &#xZZ; &#99999999999;");
}

}  // namespace
}  // namespace ock::client
