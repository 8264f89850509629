// Unit tests of masking: no secret may reach the terminal in full.
#include "client/mask.h"

#include <gtest/gtest.h>

namespace ock::client {
namespace {

TEST(MaskSecretTest, KeepsAShortPrefixAndAnEllipsis) {
  EXPECT_EQ(mask_secret("alice-password-1"), "alic…");
  EXPECT_EQ(mask_secret("demo-secret-1"), "dem…");
  EXPECT_EQ(mask_secret("abcdef"), "a…");
  EXPECT_EQ(mask_secret("abc"), "…");
  EXPECT_EQ(mask_secret(""), "");
}

TEST(MaskAuthorizationTest, KeepsTheSchemeOnly) {
  EXPECT_EQ(mask_authorization("Bearer abcdefghijklmnop"), "Bearer abcd…");
  EXPECT_EQ(mask_authorization("Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQtMQ=="), "Basic ZGVt…");
}

TEST(MaskHeaderTest, MasksCookieValuesAndKeepsSetCookieAttributes) {
  EXPECT_EQ(mask_header("Cookie", "csrftoken=abcdefghijklmnop; sessionid=zyxwvutsrqponmlk"),
            "csrftoken=abcd…; sessionid=zyxw…");
  EXPECT_EQ(mask_header("set-cookie", "sid=abcdefghijklmnop; Path=/; HttpOnly; SameSite=Lax"),
            "sid=abcd…; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_EQ(mask_header("Authorization", "Bearer abcdefghijklmnop"), "Bearer abcd…");
  EXPECT_EQ(mask_header("Location", "https://c.example/cb?x=1"), "https://c.example/cb?x=1");
}

TEST(IsSecretFieldTest, EveryTokenCodeAndVerifierButNotTheirTypes) {
  for (const char* name : {"password", "client_secret", "code", "code_verifier", "access_token",
                           "Refresh_Token", "token", "id_token", "csrf_token",
                           "csrfmiddlewaretoken"}) {
    EXPECT_TRUE(is_secret_field(name)) << name;
  }
  for (const char* name : {"token_type", "token_type_hint", "code_challenge", "username", "state",
                           "tok"}) {
    EXPECT_FALSE(is_secret_field(name)) << name;
  }
}

TEST(IsSecretHeaderTest, MatchesCredentialHeadersCaseInsensitively) {
  EXPECT_TRUE(is_secret_header("authorization"));
  EXPECT_TRUE(is_secret_header("Proxy-Authorization"));
  EXPECT_TRUE(is_secret_header("Set-Cookie"));
  EXPECT_FALSE(is_secret_header("Content-Type"));
}

TEST(MaskFormBodyTest, MasksPasswordSecretAndTokens) {
  EXPECT_EQ(mask_form_body("grant_type=password&username=alice&password=alice-password-1"),
            "grant_type=password&username=alice&password=alic…");
  EXPECT_EQ(mask_form_body("client_id=x&client_secret=demo-secret-1&refresh_token=abcdefghijkl"),
            "client_id=x&client_secret=dem…&refresh_token=abc…");
  EXPECT_EQ(mask_form_body("token=abcdefghijklmnop&token_type_hint=access_token"),
            "token=abcd…&token_type_hint=access_token");
}

TEST(MaskJsonTest, MasksSecretFieldsAtAnyDepth) {
  const auto masked = mask_json(nlohmann::json::parse(
      R"({"access_token":"abcdefghijklmnop","token_type":"Bearer","expires_in":3600,
          "nested":[{"refresh_token":"qrstuvwxyz123456","password":"p4ssword-long"}]})"));
  EXPECT_EQ(masked["access_token"], "abcd…");
  EXPECT_EQ(masked["token_type"], "Bearer");
  EXPECT_EQ(masked["expires_in"], 3600);
  EXPECT_EQ(masked["nested"][0]["refresh_token"], "qrst…");
  EXPECT_EQ(masked["nested"][0]["password"], "p4s…");
}

TEST(RedactorTest, ReplacesEveryOccurrenceOfAKnownSecret) {
  Redactor r;
  r.add("demo-secret-1");
  r.add("xyz");  // too short to redact safely: ignored
  EXPECT_EQ(r.redact("a demo-secret-1 b demo-secret-1 xyz"), "a dem… b dem… xyz");
}

TEST(RedactorTest, ReplacesTheLongerSecretWhole) {
  Redactor r;
  r.add("abcd");
  r.add("abcdefghijklmnop");
  EXPECT_EQ(r.redact("[abcdefghijklmnop]"), "[abcd…]");
}

}  // namespace
}  // namespace ock::client
