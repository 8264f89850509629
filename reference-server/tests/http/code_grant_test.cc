// The token endpoint's authorization_code grant (RFC 6749 §4.1.3, RFC 7636 §4.5-§4.6): PKCE,
// the redirect_uri rule, the code's binding to its client, its lifetime and single use (a
// second redemption revokes what the first issued, RFC 6749 §4.1.2), public clients, and the
// metadata that announces all this (RFC 8414). Each test runs straight through the Router and
// over real HTTP.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reference-server/core/crypto.h"
#include "reference-server/tests/http/code_flow.h"

namespace ock::server::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kUri = "https://client.example/cb";

class CodeGrant : public ::testing::TestWithParam<Path> {
 protected:
  // A fresh code for code-client (consent given), alice signed in.
  std::string code(AuthParams p = AuthParams::for_client("code-client", kUri)) {
    Browser b(s);
    auto r = b.authorize(p.query());
    EXPECT_EQ(r.status, 303) << r.body;
    return location_params(r)["code"];
  }
  ApiReply redeem(const std::string& c, const std::optional<std::string>& verifier = kVerifier,
                  const std::optional<std::string>& uri = std::string(kUri)) {
    return exchange_code(s, "code-client", std::string("code-secret-1"), c, verifier, uri);
  }
  static void expect_error(const ApiReply& r, int status, const std::string& error) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(body_json(r).value("error", ""), error) << r.body;
    EXPECT_EQ(header(r, "Cache-Control"), "no-store");
    EXPECT_EQ(header(r, "Pragma"), "no-cache");
  }
  int users_status(const std::string& access_token) {
    return s.api("GET", "/api/users/", access_token).status;
  }

  ServerHarness s{GetParam()};
};

TEST_P(CodeGrant, CodeWithTheRightVerifierIssuesBearerAndRefreshTokens) {
  auto r = redeem(code());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(header(r, "Cache-Control"), "no-store");
  EXPECT_EQ(header(r, "Pragma"), "no-cache");
  auto j = body_json(r);
  EXPECT_EQ(j["token_type"], "Bearer");
  EXPECT_EQ(j["scope"], "read");
  EXPECT_EQ(j["expires_in"], 3600);
  EXPECT_EQ(j["access_token"].get<std::string>().size(), 43u);
  ASSERT_TRUE(j.contains("refresh_token"));
  EXPECT_EQ(users_status(j["access_token"]), 200);
  auto refreshed =
      s.token("grant_type=refresh_token&refresh_token=" + j["refresh_token"].get<std::string>(),
              "code-client", "code-secret-1");
  EXPECT_EQ(refreshed.status, 200) << refreshed.body;
}

TEST_P(CodeGrant, TheGrantedScopeIsTheOneTheUserAllowed) {
  auto r = redeem(code(AuthParams::for_client("code-client", kUri).set("scope", "write groups")));
  EXPECT_EQ(body_json(r)["scope"], "groups write");
  auto all = redeem(code(AuthParams::for_client("code-client", kUri).drop("scope")));
  EXPECT_EQ(body_json(all)["scope"], "groups read write") << "no scope: the client's scopes";
}

TEST_P(CodeGrant, MissingWrongOrMalformedVerifierIsInvalidGrant) {
  const std::string c = code();
  expect_error(redeem(c, std::nullopt), 400, "invalid_grant");
  expect_error(redeem(c, kOtherVerifier), 400, "invalid_grant");
  expect_error(redeem(c, kChallenge), 400, "invalid_grant");  // the challenge itself (plain)
  expect_error(redeem(c, ""), 400, "invalid_grant");
  expect_error(redeem(c, "short"), 400, "invalid_grant");
  // A refused attempt does not burn the code for its rightful holder.
  EXPECT_EQ(redeem(c).status, 200);
}

TEST_P(CodeGrant, RedirectUriMustBeRepeatedIdentically) {
  const std::string c = code();
  expect_error(redeem(c, kVerifier, std::nullopt), 400, "invalid_request");
  for (const std::string other : {"https://client.example/cb/", "https://client.example/CB",
                                  "https://client.example/cb?x=1", "https://other.example/cb"}) {
    expect_error(redeem(c, kVerifier, other), 400, "invalid_grant");
  }
  EXPECT_EQ(redeem(c).status, 200);
}

TEST_P(CodeGrant, LoopbackRedirectUriMustBeRepeatedWithTheSamePort) {
  Browser b(s);
  auto r = b.authorize(
      AuthParams::for_client("public-client", "http://127.0.0.1:51004/callback").query());
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(location_base(r), "http://127.0.0.1:51004/callback");
  const std::string c = location_params(r)["code"];
  expect_error(exchange_code(s, "public-client", std::nullopt, c, kVerifier,
                             std::string("http://127.0.0.1:51005/callback")),
               400, "invalid_grant");
  expect_error(exchange_code(s, "public-client", std::nullopt, c, kVerifier,
                             std::string("http://127.0.0.1/callback")),
               400, "invalid_grant");
  EXPECT_EQ(exchange_code(s, "public-client", std::nullopt, c, kVerifier,
                          std::string("http://127.0.0.1:51004/callback"))
                .status,
            200);
}

TEST_P(CodeGrant, AnEmptyRedirectUriIsAnOmittedOne) {
  expect_error(redeem(code(), kVerifier, std::string("")), 400, "invalid_request");
  EXPECT_EQ(
      redeem(code(AuthParams::for_client("code-client", "")), kVerifier, std::string("")).status,
      200);
}

TEST_P(CodeGrant, OmittedRedirectUriNeedNotBeRepeatedButMustMatchIfSent) {
  auto omitted = AuthParams::for_client("code-client", "");
  EXPECT_EQ(redeem(code(omitted), kVerifier, std::nullopt).status, 200);
  EXPECT_EQ(redeem(code(omitted), kVerifier, std::string(kUri)).status, 200);
  expect_error(redeem(code(omitted), kVerifier, std::string("https://other.example/cb")), 400,
               "invalid_grant");
}

TEST_P(CodeGrant, CodeIsBoundToItsClient) {
  const std::string c = code();
  expect_error(exchange_code(s, "first-party", std::string("first-secret-1"), c, kVerifier,
                             std::string(kUri)),
               400, "invalid_grant");
  EXPECT_EQ(redeem(c).status, 200) << "the rightful client can still redeem it";
}

TEST_P(CodeGrant, CodeIsSingleUseAndAReplayRevokesWhatItIssued) {
  const std::string c = code();
  auto first = body_json(redeem(c));
  const std::string access = first["access_token"], refresh = first["refresh_token"];
  ASSERT_EQ(users_status(access), 200);
  expect_error(redeem(c), 400, "invalid_grant");
  EXPECT_EQ(users_status(access), 401) << "the access token of the first redemption is revoked";
  auto r =
      s.token("grant_type=refresh_token&refresh_token=" + refresh, "code-client", "code-secret-1");
  expect_error(r, 400, "invalid_grant");
  auto introspected =
      s.post_form("/oauth/introspect/", "token=" + access,
                  std::make_pair(std::string("code-client"), std::string("code-secret-1")));
  EXPECT_EQ(body_json(introspected)["active"], false);
}

TEST_P(CodeGrant, AReplayAlsoRevokesTokensRotatedSince) {
  const std::string c = code();
  auto first = body_json(redeem(c));
  auto rotated = body_json(
      s.token("grant_type=refresh_token&refresh_token=" + first["refresh_token"].get<std::string>(),
              "code-client", "code-secret-1"));
  ASSERT_TRUE(rotated.contains("access_token"));
  ASSERT_EQ(users_status(rotated["access_token"]), 200);
  expect_error(redeem(c), 400, "invalid_grant");
  EXPECT_EQ(users_status(rotated["access_token"]), 401);
  // Other grants of the same user and client are untouched.
  auto other = body_json(redeem(code()));
  EXPECT_EQ(users_status(other["access_token"]), 200);
}

TEST_P(CodeGrant, ExpiredCodeIsInvalidGrant) {
  const std::string c = code();
  s.clock().advance(59);
  const std::string d = code();
  s.clock().advance(1);
  expect_error(redeem(c), 400, "invalid_grant");  // 60 s old: expired
  EXPECT_EQ(redeem(d).status, 200);               // 1 s old
}

TEST_P(CodeGrant, MissingUnknownOrForgedCodeIsRefused) {
  expect_error(redeem("", kVerifier), 400, "invalid_request");
  expect_error(exchange_code(s, "code-client", std::string("code-secret-1"), std::nullopt,
                             kVerifier, std::string(kUri)),
               400, "invalid_request");
  expect_error(redeem(random_token()), 400, "invalid_grant");
  const std::string c = code();
  expect_error(redeem(sha256_hex(c)), 400, "invalid_grant");  // the stored hash is no code
}

TEST_P(CodeGrant, ConfidentialClientMustAuthenticate) {
  const std::string c = code();
  expect_error(exchange_code(s, "code-client", std::nullopt, c, kVerifier, std::string(kUri)), 401,
               "invalid_client");
  expect_error(
      exchange_code(s, "code-client", std::string("wrong"), c, kVerifier, std::string(kUri)), 401,
      "invalid_client");
  EXPECT_EQ(redeem(c).status, 200);
}

TEST_P(CodeGrant, PublicClientRedeemsWithItsClientIdAndNoSecret) {
  Browser b(s);
  auto r = b.authorize(
      AuthParams::for_client("public-client", "http://127.0.0.1:6000/callback").query());
  const std::string c = location_params(r)["code"];
  expect_error(exchange_code(s, "public-client", std::string("any-secret"), c, kVerifier,
                             std::string("http://127.0.0.1:6000/callback")),
               401, "invalid_client");
  auto ok = exchange_code(s, "public-client", std::nullopt, c, kVerifier,
                          std::string("http://127.0.0.1:6000/callback"));
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto refreshed = s.post_form("/oauth/token/",
                               "grant_type=refresh_token&client_id=public-client&refresh_token=" +
                                   body_json(ok)["refresh_token"].get<std::string>(),
                               std::nullopt);
  EXPECT_EQ(refreshed.status, 200) << refreshed.body;
}

TEST_P(CodeGrant, PublicClientMayUseOnlyCodeAndRefresh) {
  for (const std::string grant :
       {"password&username=alice&password=alice-password-1", "client_credentials"}) {
    expect_error(s.post_form("/oauth/token/", "grant_type=" + grant + "&client_id=public-client",
                             std::nullopt),
                 400, "unauthorized_client");
  }
}

TEST_P(CodeGrant, ClientWithoutTheCodeGrantIsUnauthorizedClient) {
  const std::string c = code();
  expect_error(s.token("grant_type=authorization_code&code=" + c + "&code_verifier=" + kVerifier +
                       "&redirect_uri=https%3A%2F%2Fclient.example%2Fcb"),
               400, "unauthorized_client");
}

TEST_P(CodeGrant, CodeLifetimeFollowsTheConfiguration) {
  ServerConfig config = ServerHarness::default_config();
  config.code_ttl = 5;
  ServerHarness short_lived(GetParam(), config);
  Browser b(short_lived);
  auto r = b.authorize(AuthParams::for_client("code-client", kUri).query());
  const std::string c = location_params(r)["code"];
  short_lived.clock().advance(5);
  expect_error(exchange_code(short_lived, "code-client", std::string("code-secret-1"), c, kVerifier,
                             std::string(kUri)),
               400, "invalid_grant");
}

TEST_P(CodeGrant, MetadataAnnouncesTheCodeFlow) {
  auto r = s.send(ApiRequest{"GET", "/.well-known/oauth-authorization-server", "", std::nullopt,
                             std::nullopt, "", "", false});
  auto j = body_json(r);
  const std::string iss = j["issuer"];
  EXPECT_EQ(j["authorization_endpoint"], iss + "/oauth/authorize/");
  EXPECT_EQ(j["response_types_supported"], nlohmann::json::array({"code"}));
  EXPECT_EQ(j["code_challenge_methods_supported"], nlohmann::json::array({"S256"}));
  EXPECT_EQ(j["authorization_response_iss_parameter_supported"], true);
  EXPECT_THAT(j["grant_types_supported"].dump(), HasSubstr("\"authorization_code\""));
  EXPECT_THAT(j["token_endpoint_auth_methods_supported"].dump(), HasSubstr("\"none\""));
  // The iss of a redirect is this issuer.
  Browser b(s);
  EXPECT_EQ(location_params(b.authorize(AuthParams::for_client("first-party", "").query()))["iss"],
            iss);
}

INSTANTIATE_TEST_SUITE_P(Paths, CodeGrant, ::testing::Values(Path::kDirect, Path::kHttp),
                         [](const ::testing::TestParamInfo<Path>& p) {
                           return p.param == Path::kDirect ? "Direct" : "Http";
                         });

}  // namespace
}  // namespace ock::server::testing
