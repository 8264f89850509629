// Unit tests of the WWW-Authenticate reader (RFC 9110 §11.6.1, RFC 6750 §3).
#include "client/www_authenticate.h"

#include <gtest/gtest.h>

namespace ock::client {
namespace {

TEST(ParseChallengeTest, ReadsBearerErrorAndScope) {
  const Challenge c = parse_challenge(
      R"(Bearer realm="api", error="insufficient_scope", error_description="needs \"write\"", scope="write")");
  EXPECT_EQ(c.scheme, "Bearer");
  EXPECT_EQ(c.params.at("realm"), "api");
  EXPECT_EQ(c.params.at("error"), "insufficient_scope");
  EXPECT_EQ(c.params.at("error_description"), "needs \"write\"");
  EXPECT_EQ(c.params.at("scope"), "write");
}

TEST(ParseChallengeTest, AcceptsTokenValuesAndAnyNameCase) {
  const Challenge c = parse_challenge("Bearer Error=invalid_token");
  EXPECT_EQ(c.params.at("error"), "invalid_token");
}

TEST(ParseChallengeTest, BareSchemeHasNoParameters) {
  const Challenge c = parse_challenge("Bearer");
  EXPECT_EQ(c.scheme, "Bearer");
  EXPECT_TRUE(c.params.empty());
}

TEST(ParseChallengeTest, StopsAtTheSecondChallenge) {
  const Challenge c = parse_challenge(R"(Basic realm="a", Bearer error="invalid_token")");
  EXPECT_EQ(c.scheme, "Basic");
  EXPECT_EQ(c.params.count("error"), 0u);
}

TEST(ParseChallengeTest, EmptyHeaderGivesEmptyScheme) { EXPECT_EQ(parse_challenge("").scheme, ""); }

}  // namespace
}  // namespace ock::client
