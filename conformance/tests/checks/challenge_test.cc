// Unit tests of checks/challenge.h (WWW-Authenticate parsing and the challenge checks): each check
// in its passing and its failing shape.
#include "conformance/checks/challenge.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "conformance/checks/grammar.h"
#include "conformance/checks/status.h"
#include "conformance/engine/form.h"
#include "conformance/tests/checks/canned.h"

namespace ock::conformance::checks {
namespace {

using namespace engine;        // NOLINT
using namespace test_support;  // NOLINT
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

TEST(ExpectWwwAuthenticateTest, MatchesTheSchemeCaseInsensitively) {
  EXPECT_TRUE(passed([] {
    expect_www_authenticate(canned(401, "", {{"WWW-Authenticate", "basic realm=\"x\""}}), "Basic");
  }));
  EXPECT_TRUE(failed([] {
    expect_www_authenticate(canned(401, "", {{"WWW-Authenticate", "Bearer realm=\"x\""}}), "Basic");
  }));
  EXPECT_TRUE(failed([] { expect_www_authenticate(canned(401, "", {}), "Basic"); }));
  EXPECT_TRUE(passed([] {
    expect_www_authenticate(
        canned(401, "", {{"WWW-Authenticate", "Bearer realm=\"x\", Basic realm=\"y\""}}), "Basic");
  }));
}

TEST(ExpectBearerChallengeTest, ChecksTheErrorAttribute) {
  auto x = canned(401, "", {{"WWW-Authenticate", R"(Bearer realm="api", error="invalid_token")"}});
  EXPECT_TRUE(passed([&] { expect_bearer_challenge(x); }));
  EXPECT_TRUE(passed([&] { expect_bearer_challenge(x, "invalid_token"); }));
  EXPECT_TRUE(failed([&] { expect_bearer_challenge(x, "insufficient_scope"); }));
  EXPECT_TRUE(failed([] {
    expect_bearer_challenge(canned(401, "", {{"WWW-Authenticate", "Basic"}}));
  }));
}

TEST(ParseChallengesTest, SchemeAlone) {
  auto c = parse_challenges("Basic");
  ASSERT_TRUE(c.has_value());
  ASSERT_EQ(c->size(), 1u);
  EXPECT_EQ((*c)[0].scheme, "Basic");
  EXPECT_TRUE((*c)[0].params.empty());
}

TEST(ParseChallengesTest, AuthParamsWithTokensAndQuotedStrings) {
  auto c = parse_challenges(
      R"(Bearer realm="example", error=invalid_token, error_description="The access token expired")");
  ASSERT_TRUE(c.has_value()) << c.error();
  ASSERT_EQ(c->size(), 1u);
  EXPECT_EQ((*c)[0].param("realm"), "example");
  EXPECT_EQ((*c)[0].param("error"), "invalid_token");
  EXPECT_EQ((*c)[0].param("error_description"), "The access token expired");
}

TEST(ParseChallengesTest, SeveralChallengesInOneValue) {
  auto c = parse_challenges(
      R"(Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple")");
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
  auto c =
      parse_challenges(R"(Bearer realm="api", error="insufficient_scope", scope="read write")");
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

TEST(ExpectBearerChallengeWithoutErrorTest, ErrorAttributeFails) {
  EXPECT_TRUE(passed(
      [] { expect_bearer_challenge_without_error(challenged(401, R"(Bearer realm="api")")); }));
  EXPECT_TRUE(failed([] {
    expect_bearer_challenge_without_error(
        challenged(401, R"(Bearer realm="api", error="invalid_token")"));
  }));
  // Another scheme's error attribute is not the Bearer challenge's business.
  EXPECT_TRUE(passed([] {
    expect_bearer_challenge_without_error(
        challenged(401, R"(Bearer realm="api", Other error="x")"));
  }));
}

TEST(ChallengeSyntaxTest, GrammaticalChallengesPass) {
  EXPECT_EQ(challenge_syntax_problem(challenged(401, R"(Bearer realm="api")")), std::nullopt);
  EXPECT_EQ(challenge_syntax_problem(challenged(
                403, R"(Bearer realm="example", error="insufficient_scope", scope="read write")")),
            std::nullopt);
  EXPECT_EQ(challenge_syntax_problem(challenged(401, "Bearer")), std::nullopt);
  EXPECT_EQ(challenge_syntax_problem(challenged(401, R"(Basic realm="a", Bearer realm="b")")),
            std::nullopt);
  EXPECT_EQ(challenge_syntax_problem(canned(400)), std::nullopt);  // a 400 needs no challenge
  EXPECT_TRUE(passed([] { expect_challenge_syntax(challenged(401, R"(Bearer realm="api")")); }));
}

TEST(ChallengeSyntaxTest, ViolationsAreNamed) {
  EXPECT_THAT(
      challenge_syntax_problem(challenged(401, R"(Bearer realm="a", realm="b")")).value_or(""),
      HasSubstr("realm"));
  EXPECT_THAT(
      challenge_syntax_problem(challenged(401, R"(Bearer realm="unterminated)")).value_or(""),
      HasSubstr("does not parse"));
  EXPECT_THAT(
      challenge_syntax_problem(challenged(401, R"(Bearer error_description="caf\é")")).value_or(""),
      HasSubstr("error_description"));
  EXPECT_THAT(
      challenge_syntax_problem(challenged(401, R"(Bearer scope="read  write")")).value_or(""),
      HasSubstr("scope"));
  EXPECT_THAT(challenge_syntax_problem(canned(401)).value_or(""), HasSubstr("401 without"));
  EXPECT_THAT(challenge_syntax_problem(challenged(401, R"(Basic realm="x")")).value_or(""),
              HasSubstr("401 without"));
  auto f = findings_of([] { expect_challenge_syntax(challenged(401, "Bearer realm=")); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_FALSE(f[0].passed);
  EXPECT_EQ(f[0].id, "challenge_syntax");
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
}  // namespace ock::conformance::checks
