// Unit tests of engine/form.h (the form codec, base64 and Basic credentials).
#include "conformance/engine/form.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "conformance/tests/checks/canned.h"

namespace ock::conformance::engine {
namespace {

using namespace test_support;  // NOLINT
using ::testing::HasSubstr;

TEST(FormEncodeTest, FollowsAppendixB) {
  EXPECT_EQ(form_encode("abc-._*XYZ09"), "abc-._*XYZ09");
  EXPECT_EQ(form_encode("a b"), "a+b");
  EXPECT_EQ(form_encode(":+/%=&~"), "%3A%2B%2F%25%3D%26%7E");
  EXPECT_EQ(form_encode("z\xc3\xab"), "z%C3%AB");  // UTF-8 first, then percent-encoding
}

TEST(FormDecodeTest, InvertsEncodingAndRejectsBadEscapes) {
  EXPECT_EQ(form_decode("a+b%3A%c3%ab"), "a b:\xc3\xab");
  EXPECT_FALSE(form_decode("%ZZ").has_value());
  EXPECT_FALSE(form_decode("abc%4").has_value());
}

TEST(Base64Test, RoundTrips) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_decode("Zm9vYg=="), "foob");
  EXPECT_FALSE(base64_decode("Zm9v!").has_value());
}

TEST(BasicAuthorizationTest, FormEncodesIdAndSecretBeforeBase64) {
  // RFC 6749 §2.3.1: the id and the secret are form-encoded, then joined by ':' and base64'd.
  EXPECT_EQ(basic_authorization("special:client+1/%= x", "s3cret:+/%= &x"),
            "Basic " + base64_encode("special%3Aclient%2B1%2F%25%3D+x:s3cret%3A%2B%2F%25%3D+%26x"));
  EXPECT_EQ(basic_authorization_raw("a:b", "c"), "Basic " + base64_encode("a:b:c"));
}

TEST(FormTest, KeepsOrderAndDuplicates) {
  Form f{{"grant_type", "password"}, {"username", "a"}};
  f.add("username", "b").add("scope", "read write");
  EXPECT_EQ(f.encode(), "grant_type=password&username=a&username=b&scope=read+write");
  f.set("username", "c");
  EXPECT_EQ(f.get("username"), "c");
  f.remove("scope");
  EXPECT_FALSE(f.has("scope"));
}

}  // namespace
}  // namespace ock::conformance::engine
