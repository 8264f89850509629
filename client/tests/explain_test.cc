// Unit tests of the explainer: each error code and status the client meets gets its meaning,
// its likely fix and its RFC section.
#include "client/explain.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ock::client {
namespace {

using ::testing::HasSubstr;

ResponseFacts json_error(int status, const std::string& code, const std::string& extra = "") {
  return {status, "application/json", "",
          R"({"error":")" + code + R"(","error_description":"because")" + extra + "}"};
}

ResponseFacts bearer(int status, const std::string& challenge) {
  return {status, "application/json", challenge, "{}"};
}

TEST(DiagnoseTest, InvalidClientPointsAtIdSecretAndFormEncoding) {
  const Diagnosis d = diagnose(Endpoint::kToken, json_error(401, "invalid_client"));
  EXPECT_FALSE(d.ok);
  EXPECT_EQ(d.code, "invalid_client");
  EXPECT_EQ(d.detail, "because");
  EXPECT_THAT(d.fix, HasSubstr("client id and secret"));
  EXPECT_THAT(d.fix, HasSubstr("form-encoded before the Basic encoding"));
  EXPECT_THAT(d.reference, HasSubstr("RFC 6749 §2.3.1"));
}

TEST(DiagnoseTest, InvalidGrantAtPasswordGrantMeansWrongUserOrPassword) {
  const Diagnosis d = diagnose(Endpoint::kToken, json_error(400, "invalid_grant"));
  EXPECT_EQ(d.code, "invalid_grant");
  EXPECT_THAT(d.meaning, HasSubstr("username or password is wrong"));
  EXPECT_THAT(d.meaning, HasSubstr("refresh token was used or revoked"));
}

TEST(DiagnoseTest, InvalidGrantAtTheCodeExchangeNamesCodeRedirectAndVerifier) {
  const Diagnosis d = diagnose(Endpoint::kCodeExchange, json_error(400, "invalid_grant"));
  EXPECT_THAT(d.summary, HasSubstr("code exchange"));
  EXPECT_THAT(d.meaning, HasSubstr("already used"));
  EXPECT_THAT(d.meaning, HasSubstr("redirect_uri"));
  EXPECT_THAT(d.meaning, HasSubstr("code_verifier"));
  EXPECT_THAT(d.reference, HasSubstr("RFC 7636 §4.6"));
  const Diagnosis ok = diagnose(Endpoint::kCodeExchange,
                                {200, "application/json", "", R"({"access_token":"x"})"});
  EXPECT_TRUE(ok.ok);
  EXPECT_THAT(ok.reference, HasSubstr("RFC 6749 §4.1.4"));
}

TEST(DiagnoseAuthorizationErrorTest, ExplainsTheCodesOfRfc6749Section4_1_2_1) {
  const Diagnosis denied = diagnose_authorization_error("access_denied", "the user said no");
  EXPECT_THAT(denied.summary, HasSubstr("error=access_denied"));
  EXPECT_EQ(denied.detail, "the user said no");
  EXPECT_THAT(denied.meaning, HasSubstr("refused"));
  EXPECT_EQ(denied.reference, "RFC 6749 §4.1.2.1");
  EXPECT_THAT(diagnose_authorization_error("invalid_request", "").meaning,
              HasSubstr("code_challenge"));
  EXPECT_THAT(diagnose_authorization_error("made_up", "").meaning,
              HasSubstr("not an error code of RFC 6749 §4.1.2.1"));
}

TEST(DiagnoseTest, InvalidGrantAtRefreshMeansUsedOrRevokedRefreshToken) {
  const Diagnosis d = diagnose(Endpoint::kRefresh, json_error(400, "invalid_grant"));
  EXPECT_THAT(d.meaning, HasSubstr("revoked"));
  EXPECT_THAT(d.meaning, HasSubstr("already used"));
  EXPECT_THAT(d.reference, HasSubstr("§6"));
}

TEST(DiagnoseTest, InvalidScopeAsksForKnownScopes) {
  const Diagnosis d = diagnose(Endpoint::kToken, json_error(400, "invalid_scope"));
  EXPECT_EQ(d.code, "invalid_scope");
  EXPECT_THAT(d.fix, HasSubstr("--scope"));
  EXPECT_THAT(d.reference, HasSubstr("§3.3"));
}

TEST(DiagnoseTest, UnauthorizedClientMeansGrantNotAllowed) {
  const Diagnosis d = diagnose(Endpoint::kToken, json_error(400, "unauthorized_client"));
  EXPECT_THAT(d.meaning, HasSubstr("not allowed to use this grant type"));
  EXPECT_EQ(d.reference, "RFC 6749 §5.2");
}

TEST(DiagnoseTest, UnsupportedGrantTypeMeansServerLacksTheGrant) {
  const Diagnosis d = diagnose(Endpoint::kToken, json_error(400, "unsupported_grant_type"));
  EXPECT_THAT(d.meaning, HasSubstr("does not support this grant_type"));
}

TEST(DiagnoseTest, InvalidRequestAtTheTokenEndpoint) {
  const Diagnosis d = diagnose(Endpoint::kToken, json_error(400, "invalid_request"));
  EXPECT_THAT(d.meaning, HasSubstr("missing"));
}

TEST(DiagnoseTest, UnsupportedTokenTypeAtRevocation) {
  const Diagnosis d = diagnose(Endpoint::kRevocation, json_error(400, "unsupported_token_type"));
  EXPECT_EQ(d.reference, "RFC 7009 §2.2.1");
}

TEST(DiagnoseTest, InsufficientScopeNamesTheScopeFromTheChallenge) {
  const Diagnosis d = diagnose(Endpoint::kResource,
                               bearer(403, R"(Bearer error="insufficient_scope", scope="write")"));
  EXPECT_EQ(d.code, "insufficient_scope");
  EXPECT_THAT(d.fix, HasSubstr("scope \"write\""));
  EXPECT_EQ(d.reference, "RFC 6750 §3.1");
}

TEST(DiagnoseTest, InsufficientScopeWithoutScopeParameterStillExplains) {
  const Diagnosis d =
      diagnose(Endpoint::kResource, bearer(403, R"(Bearer error="insufficient_scope")"));
  EXPECT_THAT(d.fix, HasSubstr("the scope this endpoint needs"));
}

TEST(DiagnoseTest, InvalidTokenMeansExpiredOrRevoked) {
  const Diagnosis d =
      diagnose(Endpoint::kResource, bearer(401, R"(Bearer realm="x", error="invalid_token")"));
  EXPECT_EQ(d.code, "invalid_token");
  EXPECT_THAT(d.meaning, HasSubstr("expired, was revoked"));
  EXPECT_THAT(d.fix, HasSubstr("refresh"));
}

TEST(DiagnoseTest, Bare401MeansNoTokenWasSent) {
  const Diagnosis d = diagnose(Endpoint::kResource, bearer(401, R"(Bearer realm="api")"));
  EXPECT_EQ(d.code, "no_token");
  EXPECT_THAT(d.meaning, HasSubstr("no token"));
  EXPECT_EQ(d.reference, "RFC 6750 §3.1");
}

TEST(DiagnoseTest, Bare401WithoutAnyChallengeAlsoMeansNoToken) {
  EXPECT_EQ(diagnose(Endpoint::kResource, {401, "text/plain", "", "nope"}).code, "no_token");
}

TEST(DiagnoseTest, Html500IsAServerErrorPage) {
  const Diagnosis d = diagnose(Endpoint::kToken,
                               {500, "text/html; charset=utf-8", "", "<html><h1>Oops</h1></html>"});
  EXPECT_EQ(d.code, "html_error_page");
  EXPECT_THAT(d.fix, HasSubstr("server's log"));
}

TEST(DiagnoseTest, NonJsonSuccessAtTokenEndpointIsNotAToken) {
  const Diagnosis d = diagnose(Endpoint::kToken, {200, "text/plain", "", "hello"});
  EXPECT_FALSE(d.ok);
  EXPECT_EQ(d.code, "not_json");
}

TEST(DiagnoseTest, TokenResponseWithoutAccessTokenIsRefused) {
  const Diagnosis d = diagnose(Endpoint::kToken, {200, "application/json", "", R"({"a":1})"});
  EXPECT_EQ(d.code, "missing_access_token");
}

TEST(DiagnoseTest, TokenResponseWithAccessTokenIsOk) {
  const Diagnosis d = diagnose(Endpoint::kToken, {200, "application/json", "",
                                                  R"({"access_token":"x","token_type":"Bearer"})"});
  EXPECT_TRUE(d.ok);
  EXPECT_THAT(d.reference, HasSubstr("§5.1"));
}

TEST(DiagnoseTest, RevocationNotFoundMeansNoRevocationSupport) {
  const Diagnosis d = diagnose(Endpoint::kRevocation, {404, "text/html", "", "<p>nope</p>"});
  EXPECT_EQ(d.code, "not_found");
  EXPECT_THAT(d.meaning, HasSubstr("no token revocation"));
}

TEST(DiagnoseTest, IntrospectionInactiveTokenIsStillOk) {
  const Diagnosis d =
      diagnose(Endpoint::kIntrospection, {200, "application/json", "", R"({"active":false})"});
  EXPECT_TRUE(d.ok);
  EXPECT_THAT(d.meaning, HasSubstr("not active"));
}

TEST(DiagnoseTest, UnknownCodeIsSaidToBeUnknown) {
  const Diagnosis d = diagnose(Endpoint::kToken, json_error(400, "made_up"));
  EXPECT_THAT(d.meaning, HasSubstr("not an error code"));
}

TEST(DiagnoseTest, GarbageBodiesNeverThrow) {
  EXPECT_NO_THROW(diagnose(Endpoint::kToken, {400, "application/json", "", "{\"error\": 5"}));
  EXPECT_NO_THROW(diagnose(Endpoint::kToken, {200, "application/json", "", "[1,2]"}));
  EXPECT_NO_THROW(diagnose(Endpoint::kIntrospection, {200, "", "", "null"}));
  EXPECT_NO_THROW(diagnose(Endpoint::kResource, {401, "", "Bearer error=", ""}));
}

TEST(DiagnosisSentenceTest, IsOneCapitalisedSentence) {
  const std::string s = diagnose(Endpoint::kToken, json_error(401, "invalid_client")).sentence();
  EXPECT_EQ(s.rfind("The token endpoint answered 401 invalid_client", 0), 0u) << s;
  EXPECT_EQ(s.back(), '.');
  EXPECT_EQ(s.find('\n'), std::string::npos);
}

TEST(ExplainTest, SuccessLinesSayWhatHappenedAndWhichRfc) {
  const auto lines = explain(Endpoint::kResource, {200, "application/json", "", "[]"});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], HasSubstr("accepted the Bearer token"));
  EXPECT_THAT(lines[1], HasSubstr("RFC 6750 §2.1"));
}

TEST(ExplainTest, TokenWithoutRefreshTokenSaysSo) {
  const auto lines = explain(Endpoint::kToken, {200, "application/json", "",
                                                R"({"access_token":"x","token_type":"Bearer"})"});
  EXPECT_THAT(lines[1], HasSubstr("No refresh_token"));
}

TEST(ExplainTest, ErrorLinesGiveMeaningAndFix) {
  const auto lines = explain(Endpoint::kToken, json_error(400, "invalid_scope"));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_THAT(lines[0], HasSubstr("400 invalid_scope"));
  EXPECT_THAT(lines[1], HasSubstr("What it means"));
  EXPECT_THAT(lines[2], HasSubstr("Likely fix"));
  EXPECT_THAT(lines[3], HasSubstr("RFC 6749"));
}

}  // namespace
}  // namespace ock::client
