#include "reference-server/core/form.h"

#include <gtest/gtest.h>

#include "tests/support/http_client.h"

namespace ock::server {
namespace {

TEST(FormTest, DecodesPlusAndPercent) {
  EXPECT_EQ(form_decode("a+b%20c%3A%2B"), "a b c:+");
}

TEST(FormTest, RejectsBrokenPercentEncoding) {
  EXPECT_FALSE(form_decode("%ZZ"));
  EXPECT_FALSE(form_decode("%4"));
  EXPECT_FALSE(form_decode("abc%"));
}

TEST(FormTest, RejectsNulControlAndInvalidUtf8) {
  EXPECT_FALSE(form_decode("a%00b"));
  EXPECT_FALSE(form_decode(std::string("a\0b", 3)));
  EXPECT_FALSE(form_decode("%01"));
  EXPECT_FALSE(form_decode("%C3%28"));
  EXPECT_FALSE(form_decode("%C0%AF"));  // overlong '/'
  EXPECT_EQ(form_decode("zo%C3%AB"), "zo\xc3\xab");
}

TEST(FormTest, ParsesInOrderKeepingDuplicatesAndEmptyValues) {
  auto f = parse_form("a=1&b=&a=2&c&&d=x%3Dy");
  ASSERT_TRUE(f);
  ASSERT_EQ(f->size(), 5u);
  EXPECT_EQ(form_count(*f, "a"), 2);
  EXPECT_EQ(form_get(*f, "b"), "");
  EXPECT_EQ(form_get(*f, "c"), "");
  EXPECT_EQ(form_get(*f, "d"), "x=y");
  EXPECT_FALSE(form_get(*f, "e"));
}

// Decodes what an independent encoder (the tests' own, RFC 6749 Appendix B) produces.
TEST(FormTest, DecodesWhatAFormEncoderProduces) {
  const std::string s = "special:client+1/%= x&ü";
  EXPECT_EQ(test_support::form_encode("a b:c"), "a+b%3Ac");
  EXPECT_EQ(form_decode(test_support::form_encode(s)), s);
}

TEST(FormTest, EncodesEverythingButUnreservedAsPercentHex) {
  EXPECT_EQ(form_encode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(form_encode("a b+c&d=e/f?g#h%"), "a%20b%2Bc%26d%3De%2Ff%3Fg%23h%25");
  EXPECT_EQ(form_encode("zo\xc3\xab"), "zo%C3%AB");
  EXPECT_EQ(form_body({{"state", "x y"}, {"iss", "https://as.example"}}),
            "state=x%20y&iss=https%3A%2F%2Fas.example");
}

TEST(FormTest, EncodingThenDecodingGivesTheTextBack) {
  for (const std::string s : {"", "plain", "special:client+1/%= x&ü", "\t tab", "a+b"}) {
    EXPECT_EQ(form_decode(form_encode(s)), s) << s;
  }
}

}  // namespace
}  // namespace ock::server
