// Unit tests of form encoding and of the Basic credentials of RFC 6749 §2.3.1.
#include "client/form.h"

#include <gtest/gtest.h>

namespace ock::client {
namespace {

TEST(FormEncodeTest, EncodesSpaceAsPlusAndColonAsPercent) {
  EXPECT_EQ(form_encode("a b:c"), "a+b%3Ac");
}

TEST(FormEncodeTest, KeepsUnreservedAndEncodesReserved) {
  EXPECT_EQ(form_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(form_encode("+/%=&"), "%2B%2F%25%3D%26");
}

TEST(FormEncodeTest, EncodesUtf8BytesOneByOne) { EXPECT_EQ(form_encode("ë"), "%C3%AB"); }

TEST(EncodeFormTest, JoinsFieldsWithAmpersands) {
  EXPECT_EQ(encode_form({{"grant_type", "password"}, {"username", "zoë"}, {"scope", "read write"}}),
            "grant_type=password&username=zo%C3%AB&scope=read+write");
}

TEST(Base64Test, EncodesWithPadding) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(BasicAuthorizationTest, FormEncodesIdAndSecretBeforeBase64) {
  // base64("a+b%3Ac:s%3A1") — the raw "a b:c:s:1" would be ambiguous.
  EXPECT_EQ(basic_authorization("a b:c", "s:1"), "Basic " + base64_encode("a+b%3Ac:s%3A1"));
  EXPECT_EQ(basic_authorization("demo-client", "demo-secret-1"),
            "Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQtMQ==");
}

TEST(DecodeFormTest, DecodesPlusPercentAndKeepsOrderAndBareNames) {
  const FormFields f = decode_form("code=a%2Bb+c&state=%C3%AB&flag&&x=%zz%4");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0], (std::pair<std::string, std::string>{"code", "a+b c"}));
  EXPECT_EQ(f[1].second, "ë");
  EXPECT_EQ(f[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(f[3].second, "%zz%4");  // not an escape: kept as written
}

TEST(DecodeFormTest, IsTheInverseOfEncodeForm) {
  const FormFields f = {{"redirect_uri", "http://127.0.0.1:5/cb?x=1&y"}, {"s", "a b:c%"}};
  EXPECT_EQ(decode_form(encode_form(f)), f);
}

}  // namespace
}  // namespace ock::client
