#include <gtest/gtest.h>

#include "conformance/catalog/form.h"
#include "conformance/catalog/profile.h"
#include "conformance/catalog/token_response.h"

namespace ock::conformance::catalog {
namespace {

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

TEST(AppendQueryTest, PicksTheSeparator) {
  EXPECT_EQ(append_query("http://h/p", "a=1"), "http://h/p?a=1");
  EXPECT_EQ(append_query("http://h/p?x=1", "a=1"), "http://h/p?x=1&a=1");
}

TEST(WellKnownUrlTest, InsertsBetweenHostAndPath) {
  EXPECT_EQ(well_known_url_for("https://as.example"),
            "https://as.example/.well-known/oauth-authorization-server");
  EXPECT_EQ(well_known_url_for("https://as.example/tenant/"),
            "https://as.example/.well-known/oauth-authorization-server/tenant");
}

TEST(ParseTokenResponseTest, ReadsMembersLeniently) {
  HttpResponse r;
  r.body = R"({"access_token":"a","expires_in":"60","scope":"read"})";
  auto t = parse_token_response(r);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->access_token, "a");
  EXPECT_EQ(t->expires_in, 60);
  EXPECT_FALSE(t->refresh_token.has_value());
  r.body = "[]";
  EXPECT_FALSE(parse_token_response(r).has_value());
}

TEST(ProfileMissingTest, NamesTheTagAndTheItem) {
  Profile p;
  auto why = p.missing(Need::kSpc);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("[SPC]"), std::string::npos);
  EXPECT_NE(why->find("clients.special_chars"), std::string::npos);
  p.clients["special_chars"] = ClientCreds{.role = "special_chars", .id = "x", .secret = "y"};
  EXPECT_FALSE(p.missing(Need::kSpc).has_value());
  p.users["victim"] = UserCreds{.role = "victim", .username = "v", .password = "p"};
  EXPECT_TRUE(p.missing(Need::kVictim).has_value());  // allow_destructive is false
  p.allow_destructive = true;
  EXPECT_FALSE(p.missing(Need::kVictim).has_value());
}

}  // namespace
}  // namespace ock::conformance::catalog
