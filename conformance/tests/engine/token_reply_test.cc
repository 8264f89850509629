// Unit tests of engine/token_reply.h (the lenient view of replies and JWTs).
#include "conformance/engine/token_reply.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "conformance/engine/form.h"
#include "conformance/tests/checks/canned.h"

namespace ock::conformance::engine {
namespace {

using namespace test_support;  // NOLINT
using ::testing::HasSubstr;

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

// A hostile reply nested 200,000 deep (70,000 crashed the runner once, issue: safe to point at
// an untrusted server): the deep value is dropped while parsing, its siblings stay, and what is
// left can be copied and dumped without recursion trouble.
TEST(ParseUntrustedJsonTest, DropsValuesBelowTheDepthLimitAndKeepsTheRest) {
  const int deep = 200000;
  HttpResponse r;
  r.body = R"({"access_token":"a","deep":)" + std::string(deep, '[') + std::string(deep, ']') +
           R"(,"token_type":"Bearer"})";
  auto t = parse_token_response(r);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->access_token, "a");
  EXPECT_EQ(t->token_type, "Bearer");
  nlohmann::json copy = t->body;
  EXPECT_LT(copy.dump().size(), 1000u);

  auto nested = parse_untrusted_json(std::string(deep, '[') + std::string(deep, ']'));
  ASSERT_TRUE(nested.has_value());
  int depth = 0;
  for (const nlohmann::json* j = &*nested; j->is_array() && !j->empty(); j = &(*j)[0]) ++depth;
  EXPECT_LE(depth, kMaxJsonDepth);

  auto shallow = parse_untrusted_json(R"({"a":[{"b":[1,2]}]})");
  ASSERT_TRUE(shallow.has_value());
  EXPECT_EQ((*shallow)["a"][0]["b"][1], 2);  // ordinary documents are untouched
  EXPECT_FALSE(parse_untrusted_json("{\"a\":").has_value());
}

TEST(TokenMembersTest, AccessAndRefreshTokens) {
  EXPECT_EQ(access_token_of(canned(200, kToken)), "2YotnFZFEjr1zCsicMWpAA");
  EXPECT_EQ(refresh_token_of(canned(200, kToken)), "tGzv3JOkF0XG5Qx2TlKWIA");
  EXPECT_EQ(refresh_token_of(canned(200, kTokenNoScope)), std::nullopt);
  EXPECT_EQ(refresh_token_of(canned(200, R"({"refresh_token":""})")), std::nullopt);
  EXPECT_EQ(string_member(canned(200, R"({"active":true,"scope":"read"})").response, "scope"),
            "read");
  EXPECT_EQ(error_code_of(canned(400, R"({"error":"invalid_grant"})")), "invalid_grant");
  EXPECT_EQ(error_code_of(canned(400, R"({"error":7})")), "");
}

TEST(JwtTest, RecognisesJwtAndReadsClaims) {
  auto seg = [](std::string_view json) {
    std::string s = base64_encode(json);
    for (auto& c : s) {
      if (c == '+')
        c = '-';
      else if (c == '/')
        c = '_';
    }
    while (!s.empty() && s.back() == '=') s.pop_back();
    return s;
  };
  std::string jwt = seg(R"({"alg":"HS256","typ":"JWT"})") + "." +
                    seg(R"({"jti":"abc-1","sub":"alice"})") + ".c2ln";
  EXPECT_TRUE(is_jwt_shaped(jwt));
  EXPECT_EQ(jwt_string_claim(jwt, "jti"), "abc-1");
  EXPECT_FALSE(jwt_string_claim(jwt, "exp").has_value());
  EXPECT_FALSE(is_jwt_shaped("abc.def.ghi"));
  EXPECT_FALSE(is_jwt_shaped("opaque-token-value"));
}

}  // namespace
}  // namespace ock::conformance::engine
