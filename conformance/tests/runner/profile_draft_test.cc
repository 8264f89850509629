#include "conformance/runner/profile_draft.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "conformance/runner/selection.h"
#include "conformance/runner/target_profile.h"

namespace ock::conformance::runner {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

EnvLookup env_with_placeholders() {
  return [](const std::string& name) -> std::optional<std::string> { return "v-" + name; };
}

InitAnswers minimal_answers() {
  InitAnswers a;
  a.name = "t";
  a.base_url = "http://127.0.0.1:8000";
  a.clients["primary"] = {
      .id = "demo-client", .secret_env = "", .auth_method = "", .redirect_uri = ""};
  a.users["primary"] = {.username = "alice", .password_env = "ALICE_PW"};
  a.resources.push_back(
      {.name = "users", .method = "GET", .path = "/api/users/", .requires_scope = "", .json = ""});
  a.scope_request = "read";
  return a;
}

SurveyFindings metadata_findings() {
  SurveyFindings f;
  f.metadata_url = "http://127.0.0.1:8000/.well-known/oauth-authorization-server";
  f.issuer = "http://127.0.0.1:8000";
  f.endpoints = {{"token", "http://127.0.0.1:8000/oauth/token/"},
                 {"revocation", "http://127.0.0.1:8000/oauth/revoke_token/"},
                 {"introspection", "https://other.example/introspect"}};
  f.grants = {"password", "refresh_token"};
  f.scopes = {"admin", "read", "write"};
  return f;
}

TEST(SplitAssignmentTest, SplitsAtTheFirstEquals) {
  auto kv = split_assignment("--client", "special_chars=special:client+1/%= x");
  ASSERT_TRUE(kv.has_value());
  EXPECT_EQ(kv->first, "special_chars");
  EXPECT_EQ(kv->second, "special:client+1/%= x");
  EXPECT_FALSE(split_assignment("--client", "primary").has_value());
  EXPECT_FALSE(split_assignment("--client", "=id").has_value());
  EXPECT_THAT(split_assignment("--client", "primary=").error(), HasSubstr("--client"));
}

TEST(NormalizeBaseUrlTest, AcceptsHttpAndStripsTheSlash) {
  EXPECT_EQ(normalize_base_url("http://127.0.0.1:8000/").value(), "http://127.0.0.1:8000");
  EXPECT_EQ(normalize_base_url("https://as.example/tenant").value(), "https://as.example/tenant");
}

TEST(NormalizeBaseUrlTest, RejectsWhatIsNoServerUrl) {
  for (const char* bad : {"ftp://x", "127.0.0.1:8000", "http://", "http:///path", "http://h/?a=1",
                          "http://h/#f", "http://${env:HOST}", "http://h /x", "http://user@h/"}) {
    auto r = normalize_base_url(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_THAT(r.error(), HasSubstr("--base-url")) << bad;
  }
}

TEST(ParseResourceTest, MethodPathOrPathAlone) {
  auto r = parse_resource("users", "POST:/api/users/");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->method, "POST");
  EXPECT_EQ(r->path, "/api/users/");
  EXPECT_EQ(parse_resource("u", "/api/").value().method, "GET");
  EXPECT_EQ(parse_resource("u", "GET:https://rs.example/x").value().path, "https://rs.example/x");
  EXPECT_EQ(parse_resource("u", "https://rs.example/x").value().path, "https://rs.example/x");
  EXPECT_FALSE(parse_resource("u", "api/users").has_value());
  EXPECT_FALSE(parse_resource("u", "GET:").has_value());
}

TEST(DefaultEnvNamesTest, RoleInUpperCase) {
  EXPECT_EQ(default_secret_env("no_password_grant"), "OCK_CLIENT_NO_PASSWORD_GRANT_SECRET");
  EXPECT_EQ(default_password_env("utf8"), "OCK_USER_UTF8_PASSWORD");
  EXPECT_TRUE(is_env_name("_A1"));
  EXPECT_FALSE(is_env_name("1A"));
  EXPECT_FALSE(is_env_name("A-B"));
  EXPECT_FALSE(is_env_name(""));
}

TEST(DraftProfileTest, ParsesBackWithEveryFoundEndpointRelativeToTheBase) {
  auto catalog = catalog::build_catalog();
  auto d = draft_profile(minimal_answers(), metadata_findings(), catalog, "2026-12-06");
  ASSERT_TRUE(d.has_value()) << d.error();
  auto p = parse_profile(d->text, env_with_placeholders());
  ASSERT_TRUE(p.has_value()) << p.error();
  EXPECT_TRUE(p->warnings.empty());
  EXPECT_EQ(p->profile.token_url, "http://127.0.0.1:8000/oauth/token/");
  EXPECT_EQ(p->profile.introspection_url, "https://other.example/introspect");
  EXPECT_EQ(p->profile.metadata_url,
            "http://127.0.0.1:8000/.well-known/oauth-authorization-server");
  EXPECT_EQ(p->profile.grants, (std::vector<std::string>{"password", "refresh_token"}));
  auto j = nlohmann::json::parse(d->text);
  EXPECT_EQ(j["endpoints"]["token"], "/oauth/token/");
  EXPECT_EQ(j["endpoints"]["metadata"], "/.well-known/oauth-authorization-server");
}

TEST(DraftProfileTest, SecretsArePlaceholdersNamedInEnvToSet) {
  auto catalog = catalog::build_catalog();
  auto a = minimal_answers();
  a.clients["public"] = {.id = "pub", .secret_env = "", .auth_method = "", .redirect_uri = ""};
  auto d = draft_profile(a, metadata_findings(), catalog, "today");
  ASSERT_TRUE(d.has_value()) << d.error();
  auto j = nlohmann::json::parse(d->text);
  EXPECT_EQ(j["clients"]["primary"]["secret"], "${env:OCK_CLIENT_PRIMARY_SECRET}");
  EXPECT_EQ(j["clients"]["primary"]["auth_method"], "client_secret_basic");
  EXPECT_EQ(j["users"]["primary"]["password"], "${env:ALICE_PW}");
  EXPECT_FALSE(j["clients"]["public"].contains("secret"));
  EXPECT_EQ(j["clients"]["public"]["auth_method"], "none");
  using Pair = std::pair<std::string, std::string>;
  EXPECT_THAT(d->env_to_set, ::testing::UnorderedElementsAre(
                                 Pair{"OCK_CLIENT_PRIMARY_SECRET", "clients.primary.secret"},
                                 Pair{"ALICE_PW", "users.primary.password"}));
}

TEST(DraftProfileTest, CommentListsTheSkipsValidateComputes) {
  auto catalog = catalog::build_catalog();
  auto d = draft_profile(minimal_answers(), metadata_findings(), catalog, "today");
  ASSERT_TRUE(d.has_value()) << d.error();
  auto p = parse_profile(d->text, env_with_placeholders());
  ASSERT_TRUE(p.has_value());
  p->profile.testssl_path = "testssl.sh";
  int skipped = 0;
  std::string comment = nlohmann::json::parse(d->text)["comment"].dump();
  for (const auto& c : catalog.cases()) {
    if (auto why = static_skip_reason(c, p->profile)) {
      ++skipped;
      EXPECT_THAT(comment, HasSubstr(*why));
      EXPECT_THAT(comment, HasSubstr(c.id));
    }
  }
  EXPECT_GT(skipped, 0);
  EXPECT_EQ(d->skipped, skipped);
  EXPECT_EQ(d->cases, static_cast<int>(catalog.cases().size()));
  EXPECT_THAT(comment, HasSubstr("clients.special_chars is not in the profile"));
  EXPECT_THAT(comment, Not(HasSubstr("needs [TESTSSL]")));
}

TEST(DraftProfileTest, MetadataOnlyPostMakesPrimaryPost) {
  auto f = metadata_findings();
  f.auth_methods = {"client_secret_post"};
  auto d = draft_profile(minimal_answers(), f, catalog::build_catalog(), "today");
  ASSERT_TRUE(d.has_value()) << d.error();
  EXPECT_EQ(nlohmann::json::parse(d->text)["clients"]["primary"]["auth_method"],
            "client_secret_post");
}

TEST(DraftProfileTest, DeniedScopeLeavesSupportedAndFlagsOverrideFindings) {
  auto a = minimal_answers();
  a.scope_denied = "admin";
  a.grants = {"client_credentials"};
  a.endpoints["introspection"] = "/oauth/introspect/";
  auto d = draft_profile(a, metadata_findings(), catalog::build_catalog(), "today");
  ASSERT_TRUE(d.has_value()) << d.error();
  auto j = nlohmann::json::parse(d->text);
  EXPECT_EQ(j["scopes"]["supported"], nlohmann::json({"read", "write"}));
  EXPECT_EQ(j["scopes"]["denied"], "admin");
  EXPECT_EQ(j["grants"], nlohmann::json({"client_credentials"}));
  EXPECT_EQ(j["endpoints"]["introspection"], "/oauth/introspect/");
}

TEST(DraftProfileTest, WithoutMetadataTheBaseUrlIsTheIssuer) {
  SurveyFindings f;
  f.endpoints["token"] = "http://127.0.0.1:8000/o/token/";
  auto d = draft_profile(minimal_answers(), f, catalog::build_catalog(), "today");
  ASSERT_TRUE(d.has_value()) << d.error();
  auto j = nlohmann::json::parse(d->text);
  EXPECT_EQ(j["issuer"], "http://127.0.0.1:8000");
  EXPECT_FALSE(j["endpoints"].contains("metadata"));
  EXPECT_FALSE(j.contains("grants"));
}

TEST(DraftProfileTest, WhatTheParserRejectsIsAnError) {
  auto a = minimal_answers();
  a.timing.push_back({"max_wait", 10});  // max_wait_s is the field
  auto d = draft_profile(a, metadata_findings(), catalog::build_catalog(), "today");
  ASSERT_FALSE(d.has_value());
  EXPECT_THAT(d.error(), HasSubstr("timing.max_wait"));

  a = minimal_answers();
  a.clients["code"] = {.id = "c", .secret_env = "", .auth_method = "", .redirect_uri = "/cb"};
  d = draft_profile(a, metadata_findings(), catalog::build_catalog(), "today");
  ASSERT_FALSE(d.has_value());
  EXPECT_THAT(d.error(), HasSubstr("clients.code.redirect_uri"));

  a = minimal_answers();
  a.resources[0].json = "{not json";
  d = draft_profile(a, metadata_findings(), catalog::build_catalog(), "today");
  ASSERT_FALSE(d.has_value());
  EXPECT_THAT(d.error(), HasSubstr("--resource-json users"));
}

TEST(DraftProfileTest, LoginTimingAndResourcesAsGiven) {
  auto a = minimal_answers();
  a.login = {{"consent_field", "allow"}, {"consent_value", "Authorize"}};
  a.timing = {{"max_wait_s", 10}, {"code_lifetime_s", 5}};
  a.resources.push_back({.name = "users-write",
                         .method = "POST",
                         .path = "/api/users/",
                         .requires_scope = "write",
                         .json = R"({"username":"c-{nonce}"})"});
  a.allow_destructive = true;
  a.logs_command = "${env:LOGS:-}";
  auto d = draft_profile(a, metadata_findings(), catalog::build_catalog(), "today");
  ASSERT_TRUE(d.has_value()) << d.error();
  auto p = parse_profile(d->text, env_with_placeholders());
  ASSERT_TRUE(p.has_value()) << p.error();
  EXPECT_TRUE(p->profile.login.configured);
  EXPECT_EQ(p->profile.login.consent_value, "Authorize");
  EXPECT_EQ(p->profile.timing.max_wait_s, 10);
  EXPECT_EQ(p->profile.timing.code_lifetime_s, 5);
  ASSERT_NE(p->profile.rs_scoped(), nullptr);
  EXPECT_EQ(p->profile.rs_scoped()->json_template, R"({"username":"c-{nonce}"})");
  EXPECT_TRUE(p->profile.allow_destructive);
  EXPECT_EQ(p->profile.logs_command, "v-LOGS");
}

}  // namespace
}  // namespace ock::conformance::runner
