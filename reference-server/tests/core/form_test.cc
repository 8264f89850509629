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

}  // namespace
}  // namespace ock::server
