#include <gtest/gtest.h>

#include "conformance/catalog/checks.h"

namespace ock::conformance::catalog {
namespace {

TEST(ParseChallengesTest, SchemeAlone) {
  auto c = parse_challenges("Basic");
  ASSERT_TRUE(c.has_value());
  ASSERT_EQ(c->size(), 1u);
  EXPECT_EQ((*c)[0].scheme, "Basic");
  EXPECT_TRUE((*c)[0].params.empty());
}

TEST(ParseChallengesTest, AuthParamsWithTokensAndQuotedStrings) {
  auto c = parse_challenges(R"(Bearer realm="example", error=invalid_token, error_description="The access token expired")");
  ASSERT_TRUE(c.has_value()) << c.error();
  ASSERT_EQ(c->size(), 1u);
  EXPECT_EQ((*c)[0].param("realm"), "example");
  EXPECT_EQ((*c)[0].param("error"), "invalid_token");
  EXPECT_EQ((*c)[0].param("error_description"), "The access token expired");
}

TEST(ParseChallengesTest, SeveralChallengesInOneValue) {
  auto c = parse_challenges(R"(Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple")");
  ASSERT_TRUE(c.has_value()) << c.error();
  ASSERT_EQ(c->size(), 2u);
  EXPECT_EQ((*c)[0].scheme, "Newauth");
  EXPECT_EQ((*c)[0].param("title"), "Login to \"apps\"");
  EXPECT_EQ((*c)[1].scheme, "Basic");
  EXPECT_EQ((*c)[1].param("realm"), "simple");
}

TEST(ParseChallengesTest, Token68) {
  auto c = parse_challenges("Negotiate abc+/def==, Basic");
  ASSERT_TRUE(c.has_value()) << c.error();
  ASSERT_EQ(c->size(), 2u);
  EXPECT_EQ((*c)[0].token68, "abc+/def==");
}

TEST(ParseChallengesTest, ParamNamesAreCaseInsensitive) {
  auto c = parse_challenges(R"(Bearer Realm="x")");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ((*c)[0].param("realm"), "x");
}

TEST(ParseChallengesTest, RejectsGrammarViolations) {
  EXPECT_FALSE(parse_challenges("").has_value());
  EXPECT_FALSE(parse_challenges(R"(Bearer realm="unterminated)").has_value());
  EXPECT_FALSE(parse_challenges(R"(Bearer realm="a"; x)").has_value());
  EXPECT_FALSE(parse_challenges(R"(Bearer realm="a" error="b")").has_value());
  EXPECT_FALSE(parse_challenges(R"("quoted")").has_value());
}

TEST(BearerChallengeProblemTest, AcceptsAGoodChallenge) {
  auto c = parse_challenges(R"(Bearer realm="api", error="insufficient_scope", scope="read write")");
  ASSERT_TRUE(c.has_value());
  EXPECT_FALSE(bearer_challenge_problem((*c)[0]).has_value());
}

TEST(BearerChallengeProblemTest, FindsRepeatedRealmAndBadCharacters) {
  auto twice = parse_challenges(R"(Bearer realm="a", realm="b")");
  ASSERT_TRUE(twice.has_value());
  EXPECT_TRUE(bearer_challenge_problem((*twice)[0]).has_value());
  auto bad_scope = parse_challenges(R"(Bearer scope="read  write")");
  ASSERT_TRUE(bad_scope.has_value());
  EXPECT_TRUE(bearer_challenge_problem((*bad_scope)[0]).has_value());
  auto token68 = parse_challenges("Bearer abcdef");
  ASSERT_TRUE(token68.has_value());
  EXPECT_TRUE(bearer_challenge_problem((*token68)[0]).has_value());
  auto quote = parse_challenges(R"(Bearer error_description="say \"x\"")");
  ASSERT_TRUE(quote.has_value());
  EXPECT_TRUE(bearer_challenge_problem((*quote)[0]).has_value());
}

TEST(ChallengesOfTest, ReadsEveryHeader) {
  HttpExchange x;
  x.response.headers = {{"WWW-Authenticate", "Basic realm=\"a\""},
                        {"www-authenticate", "Bearer realm=\"b\""}};
  auto all = challenges_of(x);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].scheme, "Bearer");
}

}  // namespace
}  // namespace ock::conformance::catalog
