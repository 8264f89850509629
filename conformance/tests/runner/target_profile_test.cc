#include "conformance/runner/target_profile.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

namespace ock::conformance::runner {
namespace {

using ::testing::HasSubstr;

EnvLookup env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

const char* kMinimal = R"({
  "name": "t", "base_url": "${env:URL}",
  "endpoints": {"token": "/oauth/token/"},
  "clients": {"primary": {"id": "c", "secret": "${env:SECRET}"}},
  "users": {"primary": {"username": "u", "password": "p"}},
  "resources": [{"name": "r", "path": "/api/"}]
})";

TEST(ParseProfileTest, SubstitutesEnvironmentAndResolvesPaths) {
  auto p = parse_profile(kMinimal, env({{"URL", "http://127.0.0.1:8000/"}, {"SECRET", "s3"}}));
  ASSERT_TRUE(p.has_value()) << p.error();
  EXPECT_EQ(p->profile.base_url, "http://127.0.0.1:8000");
  EXPECT_EQ(p->profile.token_url, "http://127.0.0.1:8000/oauth/token/");
  EXPECT_EQ(p->profile.resources[0].url, "http://127.0.0.1:8000/api/");
  EXPECT_EQ(p->profile.client("primary")->secret, "s3");
  EXPECT_EQ(p->profile.client("primary")->auth_method, engine::AuthMethod::kBasic);
  EXPECT_EQ(p->sha256.size(), 64u);
}

TEST(ParseProfileTest, UnsetVariableNamesFieldAndVariable) {
  auto p = parse_profile(kMinimal, env({{"URL", "http://h"}}));
  ASSERT_FALSE(p.has_value());
  EXPECT_THAT(p.error(), HasSubstr("clients.primary.secret"));
  EXPECT_THAT(p.error(), HasSubstr("SECRET"));
}

TEST(ParseProfileTest, DefaultAfterColonDash) {
  std::string text = kMinimal;
  text.replace(text.find("\"resources\""), 0, R"("tls": {"ca_file": "${env:CA:-}"}, )");
  auto p = parse_profile(text, env({{"URL", "http://h"}, {"SECRET", "s"}}));
  ASSERT_TRUE(p.has_value()) << p.error();
  EXPECT_EQ(p->profile.tls.ca_file, "");
}

TEST(ParseProfileTest, MissingSecretIsNamed) {
  auto p = parse_profile(R"({"name":"t","base_url":"http://h","endpoints":{"token":"/t"},
      "clients":{"primary":{"id":"c"}},"users":{"primary":{"username":"u","password":"p"}},
      "resources":[{"path":"/r"}]})",
                         env({}));
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error(), "clients.primary.secret: missing");
}

TEST(ParseProfileTest, RequiredItemsAreNamed) {
  EXPECT_EQ(parse_profile(R"({"base_url":"http://h"})", env({})).error(), "name: missing");
  auto no_token = parse_profile(R"({"name":"t","base_url":"http://h"})", env({}));
  EXPECT_EQ(no_token.error(), "endpoints.token: missing");
  auto no_resources = parse_profile(R"({"name":"t","base_url":"http://h","endpoints":{"token":"/t"},
      "clients":{"primary":{"id":"c","secret":"s"}}})",
                                    env({}));
  EXPECT_EQ(no_resources.error(),
            "resources: missing (at least one protected resource is required)");
  EXPECT_FALSE(parse_profile("not json", env({})).has_value());
}

// Found by fuzzing (conformance/fuzz): a timing integer given as a string skipped the range
// check of JSON integers, and "99999999999" wrapped to a negative number of seconds.
TEST(ParseProfileTest, TimingStringsHaveTheRangeOfIntegers) {
  const auto vars = env({{"URL", "http://h"}, {"SECRET", "s"}, {"BIG", "99999999999"}});
  for (const char* value : {R"("99999999999")", R"("5333333333333333333333333")", R"("${env:BIG}")",
                            "100000001"}) {
    std::string text = kMinimal;
    text.replace(text.find("\"resources\""), 0,
                 std::string(R"("timing": {"max_wait_s": )") + value + "}, ");
    auto p = parse_profile(text, vars);
    ASSERT_FALSE(p.has_value()) << value;
    EXPECT_EQ(p.error(), "timing.max_wait_s: out of range") << value;
  }
  std::string text = kMinimal;
  text.replace(text.find("\"resources\""), 0, R"("timing": {"max_wait_s": "100000000"}, )");
  auto p = parse_profile(text, vars);
  ASSERT_TRUE(p.has_value()) << p.error();
  EXPECT_EQ(p->profile.timing.max_wait_s, 100000000);
}

// A target that offers no password grant (RFC 9700 §2.4) has no users to list: users are
// optional, and the grants and the login recipe of the code flow are read.
TEST(ParseProfileTest, GrantNeutralProfiles) {
  auto p = parse_profile(R"({"name":"t","base_url":"http://h",
      "endpoints":{"token":"/t","authorization":"/authorize"},
      "grants":["authorization_code","refresh_token"],
      "clients":{"primary":{"id":"c","secret":"s","redirect_uri":"https://c.example/cb"}},
      "users":{"primary":{"username":"u","password":"p"}},
      "login":{"form":{"consent_field":"decision","consent_value":"allow"}},
      "resources":[{"path":"/r"}]})",
                         env({}));
  ASSERT_TRUE(p.has_value()) << p.error();
  EXPECT_TRUE(p->warnings.empty()) << p->warnings.front();
  const auto& prof = p->profile;
  EXPECT_EQ(prof.authorization_url, "http://h/authorize");
  EXPECT_EQ(prof.client("primary")->redirect_uri, "https://c.example/cb");
  EXPECT_TRUE(prof.offers("authorization_code"));
  EXPECT_FALSE(prof.offers("password"));
  EXPECT_EQ(prof.login.username_field, "username");
  EXPECT_EQ(prof.login.consent_field, "decision");
  EXPECT_FALSE(prof.missing(Need::kCodeGrant).has_value());
  EXPECT_EQ(prof.missing(Need::kPasswordGrant),
            "needs [PASSWORD]: the target does not offer the password grant (grants from the "
            "profile: authorization_code, refresh_token)");
  EXPECT_FALSE(prof.missing(Need::kNoPasswordGrant).has_value());

  auto cc_only = parse_profile(R"({"name":"t","base_url":"http://h","endpoints":{"token":"/t"},
      "grants":["client_credentials"], "clients":{"primary":{"id":"c","secret":"s"}},
      "resources":[{"path":"/r"}]})",
                               env({}));
  ASSERT_TRUE(cc_only.has_value()) << cc_only.error();
  EXPECT_TRUE(cc_only->profile.users.empty());
  EXPECT_EQ(cc_only->profile.missing(Need::kCodeGrant),
            "needs [CODE]: the target does not offer the authorization code grant (grants from "
            "the profile: client_credentials)");
  EXPECT_EQ(parse_profile(R"({"name":"t","base_url":"http://h","endpoints":{"token":"/t"},
      "grants":[], "clients":{"primary":{"id":"c","secret":"s"}}, "resources":[{"path":"/r"}]})",
                          env({}))
                .error(),
            "grants: not a non-empty array of strings");
  EXPECT_EQ(parse_profile(R"({"name":"t","base_url":"http://h","endpoints":{"token":"/t"},
      "login":{}, "clients":{"primary":{"id":"c","secret":"s"}}, "resources":[{"path":"/r"}]})",
                          env({}))
                .has_value(),
            true);
  EXPECT_EQ(parse_profile(R"({"name":"t","base_url":"http://h","endpoints":{"token":"/t"},
      "login":{"user":"x"}, "clients":{"primary":{"id":"c","secret":"s"}},
      "resources":[{"path":"/r"}]})",
                          env({}))
                .error(),
            "login: needs \"form\" or \"command\"");
}

TEST(ParseProfileTest, UnknownFieldsAreWarnings) {
  std::string text = kMinimal;
  text.replace(text.find("\"resources\""), 0, R"("colour": "blue", )");
  auto p = parse_profile(text, env({{"URL", "http://h"}, {"SECRET", "s"}}));
  ASSERT_TRUE(p.has_value());
  ASSERT_EQ(p->warnings.size(), 1u);
  EXPECT_THAT(p->warnings[0], HasSubstr("colour"));
}

// "$schema" at the top names docs/schema/profile.schema.json for editors: no warning.
TEST(ParseProfileTest, SchemaLineIsNotAWarning) {
  std::string text = kMinimal;
  const std::string line = R"("$schema": "../../docs/schema/profile.schema.json", )";
  text.replace(text.find("\"name\""), 0, line);
  auto p = parse_profile(text, env({{"URL", "http://h"}, {"SECRET", "s"}}));
  ASSERT_TRUE(p.has_value()) << p.error();
  EXPECT_TRUE(p->warnings.empty()) << p->warnings.front();
}

TEST(LoadProfileTest, TheReferenceProfileLoads) {
  auto p = load_profile(std::string(OCK_TEST_SOURCE_DIR) + "/fixtures/targets/reference.json",
                        env({{"OCK_TARGET_URL", "http://127.0.0.1:8000"}}));
  ASSERT_TRUE(p.has_value()) << p.error();
  EXPECT_TRUE(p->warnings.empty()) << p->warnings.front();
  const auto& prof = p->profile;
  EXPECT_EQ(prof.name, "reference");
  EXPECT_EQ(prof.client("special_chars")->secret, "s3cret:+/%= &x");
  EXPECT_EQ(prof.post_client()->id, "post-client");
  EXPECT_EQ(prof.user("utf8")->username, "zo\xc3\xab");
  EXPECT_EQ(prof.scope_denied, "admin");
  EXPECT_TRUE(prof.allow_destructive);
  EXPECT_EQ(prof.tls.ca_file, "");
  EXPECT_EQ(prof.rs()->name, "users");
  EXPECT_EQ(prof.rs_scoped()->requires_scope, "read");
  for (auto need :
       {Need::kSpc, Need::kPost, Need::kNopw, Need::kUtf8, Need::kC2, Need::kIntro, Need::kRevoke,
        Need::kVictim, Need::kThrowaway, Need::kDenyScope, Need::kRsScope}) {
    EXPECT_FALSE(prof.missing(need).has_value()) << to_string(need);
  }
}

}  // namespace
}  // namespace ock::conformance::runner
