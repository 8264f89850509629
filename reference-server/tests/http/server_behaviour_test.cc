// The reference server's protocol behaviour (RFC 6749, 6750, 7009, 7662, 8414, 9700), each test
// run twice: straight through the core Router, and over real HTTP on 127.0.0.1.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "reference-server/core/crypto.h"
#include "reference-server/tests/http/server_harness.h"

namespace ock::server::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kPassword = "grant_type=password&username=alice&password=alice-password-1";

class ServerBehaviour : public ::testing::TestWithParam<Path> {
 protected:
  ServerHarness s{GetParam()};

  static void expect_token_headers(const ApiReply& r) {
    EXPECT_EQ(header(r, "Cache-Control"), "no-store");
    EXPECT_EQ(header(r, "Pragma"), "no-cache");
  }
  static void expect_error(const ApiReply& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.body;
    auto j = body_json(r);
    ASSERT_TRUE(j.is_object()) << r.body;
    EXPECT_EQ(j.value("error", ""), code) << r.body;
    EXPECT_THAT(header(r, "Content-Type").value_or(""), StartsWith("application/json"));
    expect_token_headers(r);
  }
};

// ---- token endpoint: password grant --------------------------------------------------------

TEST_P(ServerBehaviour, PasswordGrantIssuesBearerTokens) {
  auto r = s.token(kPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  expect_token_headers(r);
  auto j = body_json(r);
  EXPECT_EQ(j["token_type"], "Bearer");
  EXPECT_EQ(j["expires_in"], 3600);
  EXPECT_EQ(j["scope"], "groups read write");  // the client's scopes when none was asked for
  EXPECT_EQ(j["access_token"].get<std::string>().size(), 43u);  // 256 bits, base64url
  EXPECT_TRUE(j.contains("refresh_token"));
}

TEST_P(ServerBehaviour, ContentTypeWithCharsetIsAccepted) {
  ApiRequest req{"POST", "/oauth/token/", "", "application/x-www-form-urlencoded; charset=UTF-8",
                 basic("demo-client", "demo-secret-1"), kPassword, "", false};
  EXPECT_EQ(s.send(req).status, 200);
}

TEST_P(ServerBehaviour, WrongPasswordIsInvalidGrant) {
  expect_error(s.token("grant_type=password&username=alice&password=nope"), 400, "invalid_grant");
}

TEST_P(ServerBehaviour, UnknownUserLooksLikeWrongPassword) {
  auto a = s.token("grant_type=password&username=alice&password=nope");
  auto b = s.token("grant_type=password&username=nobody-here&password=nope");
  expect_error(b, 400, "invalid_grant");
  EXPECT_EQ(a.body, b.body);
}

TEST_P(ServerBehaviour, MissingParametersAreInvalidRequest) {
  expect_error(s.token("grant_type=password&username=alice"), 400, "invalid_request");
  expect_error(s.token("grant_type=password&password=x"), 400, "invalid_request");
  expect_error(s.token("username=alice&password=alice-password-1"), 400, "invalid_request");
}

TEST_P(ServerBehaviour, RepeatedParameterIsInvalidRequest) {
  expect_error(s.token(kPassword + "&username=bob"), 400, "invalid_request");
}

TEST_P(ServerBehaviour, EmptyScopeIsLikeNoScope) {
  auto r = s.token(kPassword + "&scope=");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body_json(r)["scope"], "groups read write");
}

TEST_P(ServerBehaviour, UnknownParameterIsIgnored) {
  EXPECT_EQ(s.token(kPassword + "&x_conformance_probe=1").status, 200);
}

TEST_P(ServerBehaviour, UnsupportedGrantType) {
  expect_error(s.token("grant_type=urn:example:bogus"), 400, "unsupported_grant_type");
}

TEST_P(ServerBehaviour, ClientWithoutPasswordGrantIsUnauthorizedClient) {
  expect_error(s.token(kPassword, "machine-client", "machine-secret-1"), 400, "unauthorized_client");
}

TEST_P(ServerBehaviour, GetIsInvalidRequest) {
  ApiRequest req{"GET", "/oauth/token/", "grant_type=password&username=alice&password=x", std::nullopt,
                 basic("demo-client", "demo-secret-1"), "", "", false};
  expect_error(s.send(req), 400, "invalid_request");
}

TEST_P(ServerBehaviour, ParametersInTheQueryAreRefused) {
  ApiRequest req{"POST", "/oauth/token/", "username=alice&password=alice-password-1",
                 "application/x-www-form-urlencoded", basic("demo-client", "demo-secret-1"),
                 "grant_type=password", "", false};
  expect_error(s.send(req), 400, "invalid_request");
}

TEST_P(ServerBehaviour, NonFormBodyIsInvalidRequest) {
  ApiRequest req{"POST", "/oauth/token/", "", "application/json", basic("demo-client", "demo-secret-1"),
                 R"({"grant_type":"password"})", "", false};
  expect_error(s.send(req), 400, "invalid_request");
}

TEST_P(ServerBehaviour, BrokenEncodingAndNulAreInvalidRequest) {
  expect_error(s.token("grant_type=password&username=%ZZ&password=x"), 400, "invalid_request");
  expect_error(s.token("grant_type=password&username=al%00ice&password=x"), 400, "invalid_request");
  expect_error(s.token("grant_type=password&username=%C3%28&password=x"), 400, "invalid_request");
}

TEST_P(ServerBehaviour, Utf8PasswordWorks) {
  auto r = s.token("grant_type=password&username=zo%C3%AB&password=p%C3%A4%C2%A7w%C3%B6rd%26%3D%2B%25%3B1");
  EXPECT_EQ(r.status, 200) << r.body;
}

// ---- client authentication -------------------------------------------------------------------

TEST_P(ServerBehaviour, WrongSecretIs401WithBasicChallenge) {
  auto r = s.token(kPassword, "demo-client", "wrong");
  expect_error(r, 401, "invalid_client");
  EXPECT_THAT(header(r, "WWW-Authenticate").value_or(""), StartsWith("Basic realm=\""));
}

TEST_P(ServerBehaviour, UnknownClientIs401) {
  expect_error(s.token(kPassword, "no-such-client", "x"), 401, "invalid_client");
}

TEST_P(ServerBehaviour, SecretsAreFormDecodedInBasic) {
  EXPECT_EQ(s.token(kPassword, "special:client+1/%= x", "s3cret:+/%= &x").status, 200);
  // The same credentials without form-encoding are not the same client.
  ApiRequest raw{"POST", "/oauth/token/", "", "application/x-www-form-urlencoded",
                 "Basic " + base64_encode("special:client+1/%= x:s3cret:+/%= &x"), kPassword, "", false};
  EXPECT_NE(s.send(raw).status, 200);
}

TEST_P(ServerBehaviour, ClientSecretPostWorks) {
  auto r = s.post_form("/oauth/token/", kPassword + "&client_id=demo-client&client_secret=demo-secret-1", std::nullopt);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_P(ServerBehaviour, ClientSecretPostWithWrongSecretIsInvalidClient) {
  auto r = s.post_form("/oauth/token/", kPassword + "&client_id=demo-client&client_secret=wrong", std::nullopt);
  EXPECT_EQ(body_json(r)["error"], "invalid_client");
}

TEST_P(ServerBehaviour, MissingClientAuthenticationIsInvalidClient) {
  expect_error(s.post_form("/oauth/token/", kPassword + "&client_id=demo-client", std::nullopt), 401,
               "invalid_client");
}

TEST_P(ServerBehaviour, TwoAuthenticationMethodsAreInvalidRequest) {
  expect_error(s.token(kPassword + "&client_secret=demo-secret-1"), 400, "invalid_request");
}

TEST_P(ServerBehaviour, MalformedBasicHeaderIsRefused) {
  for (const std::string& h : std::vector<std::string>{"Basic !!!", "Basic " + base64_encode("no-colon"), "Basic", "Basic " + base64_encode("\xff\xfe:x")}) {
    ApiRequest req{"POST", "/oauth/token/", "", "application/x-www-form-urlencoded", h, kPassword, "", false};
    auto r = s.send(req);
    EXPECT_TRUE(r.status == 400 || r.status == 401) << h << " -> " << r.status;
    auto code = body_json(r).value("error", "");
    EXPECT_TRUE(code == "invalid_request" || code == "invalid_client") << h << " -> " << r.body;
  }
}

// A public client is identified by client_id alone (no secret, so no invalid_client), but it
// may not use the password grant: only authorization_code and refresh_token.
TEST_P(ServerBehaviour, PublicClientNeedsNoSecretButMayNotUseThePasswordGrant) {
  auto r = s.post_form("/oauth/token/", kPassword + "&client_id=public-client", std::nullopt);
  expect_error(r, 400, "unauthorized_client");
}

// ---- scope -------------------------------------------------------------------------------------

TEST_P(ServerBehaviour, ScopeIsGrantedAsRequested) {
  EXPECT_EQ(s.alice_tokens("write read")["scope"], "read write");
}

TEST_P(ServerBehaviour, UnknownOrForbiddenScopeIsInvalidScope) {
  expect_error(s.token(kPassword + "&scope=read%20nonsense"), 400, "invalid_scope");
  expect_error(s.token(kPassword + "&scope=admin"), 400, "invalid_scope");
  expect_error(s.token(kPassword + "&scope=READ"), 400, "invalid_scope");
}

// ---- client_credentials ------------------------------------------------------------------------

TEST_P(ServerBehaviour, ClientCredentialsIssuesNoRefreshToken) {
  auto r = s.token("grant_type=client_credentials&scope=read");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(body_json(r).contains("refresh_token"));
  expect_token_headers(r);
}

TEST_P(ServerBehaviour, ClientCredentialsRequiresAuthentication) {
  expect_error(s.post_form("/oauth/token/", "grant_type=client_credentials&client_id=demo-client", std::nullopt),
               401, "invalid_client");
}

// ---- refresh -----------------------------------------------------------------------------------

TEST_P(ServerBehaviour, RefreshRotatesAndKeepsScope) {
  auto t = s.alice_tokens("read write");
  auto r = s.token("grant_type=refresh_token&refresh_token=" + t["refresh_token"].get<std::string>());
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = body_json(r);
  EXPECT_NE(j["access_token"], t["access_token"]);
  EXPECT_NE(j["refresh_token"], t["refresh_token"]);
  EXPECT_EQ(j["scope"], "read write");
  EXPECT_EQ(s.api("GET", "/api/users/", j["access_token"]).status, 200);
}

TEST_P(ServerBehaviour, ReusedRefreshTokenRevokesTheFamily) {
  auto t = s.alice_tokens();
  const std::string old_rt = t["refresh_token"];
  auto first = body_json(s.token("grant_type=refresh_token&refresh_token=" + old_rt));
  ASSERT_TRUE(first.contains("refresh_token"));
  expect_error(s.token("grant_type=refresh_token&refresh_token=" + old_rt), 400, "invalid_grant");
  // The whole family is gone: the newest refresh and access tokens too.
  expect_error(s.token("grant_type=refresh_token&refresh_token=" + first["refresh_token"].get<std::string>()),
               400, "invalid_grant");
  EXPECT_EQ(s.api("GET", "/api/users/", first["access_token"]).status, 401);
}

TEST_P(ServerBehaviour, RefreshCanNarrowButNotWiden) {
  auto t = s.alice_tokens("read");
  expect_error(s.token("grant_type=refresh_token&scope=read%20write&refresh_token=" +
                       t["refresh_token"].get<std::string>()),
               400, "invalid_scope");
  auto t2 = s.alice_tokens("read write");
  auto r = s.token("grant_type=refresh_token&scope=read&refresh_token=" + t2["refresh_token"].get<std::string>());
  ASSERT_EQ(r.status, 200);
  auto j = body_json(r);
  EXPECT_EQ(j["scope"], "read");
  EXPECT_EQ(s.api("POST", "/api/users/", j["access_token"], R"({"username":"n1"})", "application/json").status, 403);
}

TEST_P(ServerBehaviour, RefreshTokenIsBoundToItsClient) {
  auto t = s.alice_tokens();
  expect_error(s.token("grant_type=refresh_token&refresh_token=" + t["refresh_token"].get<std::string>(),
                       "second-client", "second-secret-1"),
               400, "invalid_grant");
  // and the owner can still use it
  EXPECT_EQ(s.token("grant_type=refresh_token&refresh_token=" + t["refresh_token"].get<std::string>()).status, 200);
}

TEST_P(ServerBehaviour, RandomRefreshTokenIsInvalidGrant) {
  expect_error(s.token("grant_type=refresh_token&refresh_token=" + random_token()), 400, "invalid_grant");
}

TEST_P(ServerBehaviour, ExpiredRefreshTokenIsInvalidGrant) {
  auto t = s.alice_tokens();
  s.clock().advance(86400 + 1);
  expect_error(s.token("grant_type=refresh_token&refresh_token=" + t["refresh_token"].get<std::string>()),
               400, "invalid_grant");
}

TEST_P(ServerBehaviour, ConcurrentRefreshesHaveOneWinner) {
  for (int round = 0; round < 5; ++round) {
    auto t = s.alice_tokens();
    const std::string body = "grant_type=refresh_token&refresh_token=" + t["refresh_token"].get<std::string>();
    std::atomic<int> ok{0};
    std::atomic<bool> go{false};
    auto worker = [&] {
      while (!go) std::this_thread::yield();
      if (s.token(body).status == 200) ++ok;
    };
    std::thread a(worker), b(worker);
    go = true;
    a.join();
    b.join();
    EXPECT_EQ(ok.load(), 1) << "round " << round;
  }
}

// ---- expiry ------------------------------------------------------------------------------------

TEST_P(ServerBehaviour, AccessTokenExpiresAfterItsLifetime) {
  auto t = body_json(s.token(kPassword, "short-client", "short-secret-1"));
  EXPECT_EQ(t["expires_in"], 3);  // the client's own TTL beats the server's
  EXPECT_EQ(s.api("GET", "/api/users/", t["access_token"]).status, 200);
  s.clock().advance(3);
  auto r = s.api("GET", "/api/users/", t["access_token"]);
  EXPECT_EQ(r.status, 401);
  EXPECT_THAT(header(r, "WWW-Authenticate").value_or(""), HasSubstr("error=\"invalid_token\""));
  // the refresh token still works after the access token expired
  auto again = s.token("grant_type=refresh_token&refresh_token=" + t["refresh_token"].get<std::string>(),
                       "short-client", "short-secret-1");
  EXPECT_EQ(again.status, 200);
}

// ---- resource API (RFC 6750) -------------------------------------------------------------------

TEST_P(ServerBehaviour, NoTokenIs401WithoutErrorCode) {
  auto r = s.api("GET", "/api/users/", "");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(header(r, "WWW-Authenticate"), "Bearer realm=\"oauth-refserver\"");
}

TEST_P(ServerBehaviour, UnknownTokenIsInvalidToken) {
  auto r = s.api("GET", "/api/users/", random_token());
  EXPECT_EQ(r.status, 401);
  EXPECT_THAT(header(r, "WWW-Authenticate").value_or(""), HasSubstr("error=\"invalid_token\""));
}

TEST_P(ServerBehaviour, InsufficientScopeIs403WithScope) {
  auto t = s.alice_tokens("read");
  auto r = s.api("POST", "/api/users/", t["access_token"], R"({"username":"carol"})", "application/json");
  EXPECT_EQ(r.status, 403);
  auto challenge = header(r, "WWW-Authenticate").value_or("");
  EXPECT_THAT(challenge, HasSubstr("error=\"insufficient_scope\""));
  EXPECT_THAT(challenge, HasSubstr("scope=\"write\""));
  EXPECT_EQ(s.api("GET", "/api/groups/", t["access_token"]).status, 403);
}

TEST_P(ServerBehaviour, ScopesAreEnforcedPerMethod) {
  auto t = s.alice_tokens("read write groups");
  auto created = s.api("POST", "/api/users/", t["access_token"], R"({"username":"carol","email":"c@x.test"})",
                       "application/json");
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = body_json(created)["id"].get<long long>();
  const std::string one = "/api/users/" + std::to_string(id) + "/";
  EXPECT_EQ(body_json(s.api("GET", one, t["access_token"]))["username"], "carol");
  EXPECT_EQ(s.api("PATCH", one, t["access_token"], R"({"first_name":"Carol"})", "application/json").status, 200);
  EXPECT_EQ(body_json(s.api("GET", one, t["access_token"]))["first_name"], "Carol");
  EXPECT_EQ(s.api("DELETE", one, t["access_token"]).status, 204);
  EXPECT_EQ(s.api("GET", one, t["access_token"]).status, 404);
  auto groups = s.api("GET", "/api/groups/", t["access_token"]);
  EXPECT_EQ(groups.status, 200);
  EXPECT_EQ(body_json(groups)[0]["name"], "staff");
}

TEST_P(ServerBehaviour, MalformedAuthorizationIsInvalidRequest) {
  for (const std::string& h : std::vector<std::string>{"Bearer", "Bearer ", "Bearer a b", "Bearer a\"b"}) {
    ApiRequest req{"GET", "/api/users/", "", std::nullopt, h, "", "", false};
    auto r = s.send(req);
    EXPECT_EQ(r.status, 400) << "[" << h << "]";
    EXPECT_THAT(header(r, "WWW-Authenticate").value_or(""), HasSubstr("error=\"invalid_request\""));
  }
}

TEST_P(ServerBehaviour, LowerCaseSchemeIsAccepted) {
  auto t = s.alice_tokens();
  ApiRequest req{"GET", "/api/users/", "", std::nullopt, "bearer " + t["access_token"].get<std::string>(), "", "", false};
  EXPECT_EQ(s.send(req).status, 200);
}

TEST_P(ServerBehaviour, QueryTokenIsRefused) {
  auto t = s.alice_tokens();
  ApiRequest req{"GET", "/api/users/", "access_token=" + t["access_token"].get<std::string>(), std::nullopt,
                 std::nullopt, "", "", false};
  auto r = s.send(req);
  EXPECT_EQ(r.status, 400);
}

TEST_P(ServerBehaviour, FormBodyTokenOnlyWithBodySemantics) {
  auto t = s.alice_tokens();
  const std::string at = t["access_token"];
  auto post = s.api("POST", "/api/users/", "", "access_token=" + at + "&username=dave",
                    "application/x-www-form-urlencoded");
  EXPECT_EQ(post.status, 201) << post.body;
  EXPECT_EQ(body_json(post)["username"], "dave");
  // the same body on a GET does not authenticate
  EXPECT_EQ(s.api("GET", "/api/users/", "", "access_token=" + at, "application/x-www-form-urlencoded").status, 401);
}

TEST_P(ServerBehaviour, TwoTokenMethodsAreInvalidRequest) {
  auto t = s.alice_tokens();
  const std::string at = t["access_token"];
  EXPECT_EQ(s.api("POST", "/api/users/", at, "access_token=" + at + "&username=eve",
                  "application/x-www-form-urlencoded").status, 400);
  ApiRequest req{"GET", "/api/users/", "access_token=" + at, std::nullopt, "Bearer " + at, "", "", false};
  EXPECT_EQ(s.send(req).status, 400);
}

TEST_P(ServerBehaviour, RefreshTokenIsNotAnAccessToken) {
  auto t = s.alice_tokens();
  EXPECT_EQ(s.api("GET", "/api/users/", t["refresh_token"]).status, 401);
}

// ---- revocation (RFC 7009) ---------------------------------------------------------------------

TEST_P(ServerBehaviour, RevokingARefreshTokenRevokesItsAccessTokens) {
  auto t = s.alice_tokens();
  auto r = s.post_form("/oauth/revoke_token/", "token=" + t["refresh_token"].get<std::string>() +
                       "&token_type_hint=refresh_token", std::make_pair("demo-client", "demo-secret-1"));
  EXPECT_EQ(r.status, 200);
  expect_error(s.token("grant_type=refresh_token&refresh_token=" + t["refresh_token"].get<std::string>()), 400,
               "invalid_grant");
  EXPECT_EQ(s.api("GET", "/api/users/", t["access_token"]).status, 401);
}

TEST_P(ServerBehaviour, RevokingAnAccessTokenWithAWrongHint) {
  auto t = s.alice_tokens();
  auto r = s.post_form("/oauth/revoke_token/", "token=" + t["access_token"].get<std::string>() +
                       "&token_type_hint=bogus", std::make_pair("demo-client", "demo-secret-1"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(s.api("GET", "/api/users/", t["access_token"]).status, 401);
  // the refresh token of the same grant is untouched
  EXPECT_EQ(s.token("grant_type=refresh_token&refresh_token=" + t["refresh_token"].get<std::string>()).status, 200);
}

TEST_P(ServerBehaviour, RevokingUnknownTokenIs200) {
  EXPECT_EQ(s.post_form("/oauth/revoke_token/", "token=" + random_token(),
                        std::make_pair("demo-client", "demo-secret-1")).status, 200);
}

TEST_P(ServerBehaviour, RevocationNeedsTheOwningClient) {
  auto t = s.alice_tokens();
  const std::string body = "token=" + t["refresh_token"].get<std::string>();
  expect_error(s.post_form("/oauth/revoke_token/", body, std::nullopt), 401, "invalid_client");
  auto other = s.post_form("/oauth/revoke_token/", body, std::make_pair("second-client", "second-secret-1"));
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(s.token("grant_type=refresh_token&refresh_token=" + t["refresh_token"].get<std::string>()).status, 200);
}

// ---- introspection (RFC 7662) ------------------------------------------------------------------

TEST_P(ServerBehaviour, IntrospectionOfAnActiveToken) {
  auto t = s.alice_tokens("read");
  auto r = s.post_form("/oauth/introspect/", "token=" + t["access_token"].get<std::string>(),
                       std::make_pair("demo-client", "demo-secret-1"));
  ASSERT_EQ(r.status, 200);
  auto j = body_json(r);
  EXPECT_EQ(j["active"], true);
  EXPECT_EQ(j["scope"], "read");
  EXPECT_EQ(j["client_id"], "demo-client");
  EXPECT_EQ(j["username"], "alice");
  EXPECT_EQ(j["token_type"], "Bearer");
  EXPECT_EQ(j["exp"].get<long long>() - j["iat"].get<long long>(), 3600);
}

TEST_P(ServerBehaviour, IntrospectionOfAnythingElseIsOnlyInactive) {
  auto t = s.alice_tokens();
  s.post_form("/oauth/revoke_token/", "token=" + t["access_token"].get<std::string>(),
              std::make_pair("demo-client", "demo-secret-1"));
  for (const std::string& tok : std::vector<std::string>{random_token(), t["access_token"].get<std::string>()}) {
    auto r = s.post_form("/oauth/introspect/", "token=" + tok, std::make_pair("demo-client", "demo-secret-1"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(body_json(r), nlohmann::json({{"active", false}}));
  }
}

TEST_P(ServerBehaviour, IntrospectionNeedsClientAuthentication) {
  auto t = s.alice_tokens();
  const std::string body = "token=" + t["access_token"].get<std::string>();
  expect_error(s.post_form("/oauth/introspect/", body, std::nullopt), 401, "invalid_client");
  expect_error(s.post_form("/oauth/introspect/", body, std::make_pair("demo-client", "bad")), 401, "invalid_client");
}

// ---- metadata (RFC 8414), routing, guard ------------------------------------------------------

TEST_P(ServerBehaviour, MetadataStatesWhatTheServerSupports) {
  auto r = s.send(ApiRequest{"GET", "/.well-known/oauth-authorization-server", "", std::nullopt, std::nullopt, "", "", false});
  ASSERT_EQ(r.status, 200);
  auto j = body_json(r);
  const std::string iss = j["issuer"];
  EXPECT_EQ(j["token_endpoint"], iss + "/oauth/token/");
  EXPECT_EQ(j["grant_types_supported"], nlohmann::json({"authorization_code", "password",
                                                        "refresh_token", "client_credentials"}));
  EXPECT_EQ(j["token_endpoint_auth_methods_supported"],
            nlohmann::json({"client_secret_basic", "client_secret_post", "none"}));
  EXPECT_EQ(j["response_types_supported"], nlohmann::json::array({"code"}));
  EXPECT_EQ(j["authorization_endpoint"], iss + "/oauth/authorize/");
}

TEST_P(ServerBehaviour, UnknownPathIs404AndWrongMethodIs405) {
  EXPECT_EQ(s.send(ApiRequest{"GET", "/nope", "", std::nullopt, std::nullopt, "", "", false}).status, 404);
  auto r = s.send(ApiRequest{"DELETE", "/api/users/", "", std::nullopt, std::nullopt, "", "", false});
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(header(r, "Allow"), "GET, POST");
}

TEST_P(ServerBehaviour, BruteForceLocksTheUsernameThenRecovers) {
  for (int i = 0; i < 5; ++i) s.token("grant_type=password&username=victim&password=wrong");
  auto locked = s.token("grant_type=password&username=victim&password=victim-password-1");
  EXPECT_EQ(locked.status, 400);
  EXPECT_EQ(body_json(locked)["error"], "invalid_grant");
  EXPECT_TRUE(header(locked, "Retry-After").has_value());
  // other users are not affected
  EXPECT_EQ(s.token(kPassword).status, 200);
  s.clock().advance(31);
  EXPECT_EQ(s.token("grant_type=password&username=victim&password=victim-password-1").status, 200);
}

TEST_P(ServerBehaviour, WrongClientSecretsLockTheClientThenRecover) {
  for (int i = 0; i < 10; ++i) {
    expect_error(s.token("grant_type=client_credentials", "machine-client", "guess-" + std::to_string(i)), 401,
                 "invalid_client");
  }
  auto locked = s.token("grant_type=client_credentials", "machine-client", "machine-secret-1");
  expect_error(locked, 401, "invalid_client");
  EXPECT_TRUE(header(locked, "Retry-After").has_value());
  // Other clients are not affected.
  EXPECT_EQ(s.token("grant_type=client_credentials").status, 200);
  s.clock().advance(31);
  EXPECT_EQ(s.token("grant_type=client_credentials", "machine-client", "machine-secret-1").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Paths, ServerBehaviour, ::testing::Values(Path::kDirect, Path::kHttp),
                         [](const ::testing::TestParamInfo<Path>& p) { return p.param == Path::kDirect ? "Direct" : "Http"; });

}  // namespace
}  // namespace ock::server::testing
