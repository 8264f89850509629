// The authorization endpoint (RFC 6749 §4.1.1-§4.1.2, RFC 7636, RFC 9207, RFC 9700 §2.1, §4.1),
// each test run twice: straight through the core Router, and over real HTTP on 127.0.0.1.
// Where an error goes (page or redirect), the login and consent forms, CSRF, the session cookie,
// and what the redirect back carries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reference-server/core/crypto.h"
#include "reference-server/tests/http/code_flow.h"
#include "tests/support/http_client.h"

namespace ock::server::testing {
namespace {

using test_support::cookie_attributes;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kCodeClientUri = "https://client.example/cb";

class AuthorizationEndpoint : public ::testing::TestWithParam<Path> {
 protected:
  static AuthParams code_client() { return AuthParams::for_client("code-client", kCodeClientUri); }
  static AuthParams first_party() {
    return AuthParams::for_client("first-party", "https://fp.example/cb?tenant=1");
  }

  // An HTML page with the headers every page must carry; never a redirect.
  static void expect_page(const ApiReply& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_FALSE(header(r, "Location").has_value()) << "a page must not redirect";
    EXPECT_THAT(header(r, "Content-Type").value_or(""), StartsWith("text/html; charset=utf-8"));
    EXPECT_EQ(header(r, "X-Frame-Options"), "DENY");
    EXPECT_EQ(header(r, "Content-Security-Policy"), "frame-ancestors 'none'");
    EXPECT_EQ(header(r, "Cache-Control"), "no-store");
  }
  // A redirect (302 for a GET, 303 for a POST) back to `base` carrying `error`, the request's
  // state and the issuer.
  void expect_error_redirect(const ApiReply& r, const std::string& base, const std::string& error,
                             const std::optional<std::string>& state = "st-1 /&=?é",
                             int status = 302) {
    ASSERT_EQ(r.status, status) << r.body;
    EXPECT_EQ(location_base(r), base);
    auto p = location_params(r);
    EXPECT_EQ(p["error"], error) << *header(r, "Location");
    EXPECT_TRUE(p.count("error_description"));
    if (state) {
      EXPECT_EQ(p["state"], *state);
    } else {
      EXPECT_FALSE(p.count("state"));
    }
    EXPECT_EQ(p["iss"], issuer());
    EXPECT_FALSE(p.count("code"));
  }
  std::string issuer() {
    auto r = s.send(ApiRequest{"GET", "/.well-known/oauth-authorization-server", "", std::nullopt,
                               std::nullopt, "", "", false});
    return body_json(r).value("issuer", "");
  }
  ServerHarness s{GetParam()};
  Browser browser{s};
};

// ---- errors that must be pages: no trustworthy redirect URI --------------------------------

TEST_P(AuthorizationEndpoint, MissingUnknownOrRepeatedClientIdIsAPageNeverARedirect) {
  expect_page(browser.get(code_client().drop("client_id").query()), 400);
  expect_page(browser.get(code_client().set("client_id", "no-such-client").query()), 400);
  expect_page(browser.get(code_client().add("client_id", "code-client").query()), 400);
  expect_page(browser.get(""), 400);
}

TEST_P(AuthorizationEndpoint, UnregisteredRedirectUriIsAPageNeverARedirect) {
  for (const std::string uri :
       {"https://client.example/cb/extra", "https://client.example/cb?x=1",
        "https://client.example/CB", "https://CLIENT.example/cb", "https://client.example/cb/",
        "https://client.example/cb#f", "https://attacker.example/cb",
        "https://client.example.attacker.example/cb", "http://client.example/cb",
        "https://client.example:8443/cb"}) {
    auto r = browser.get(code_client().set("redirect_uri", uri).query());
    expect_page(r, 400);
    EXPECT_THAT(r.body, Not(HasSubstr("attacker"))) << "the page does not echo the URI";
  }
  // A client with no code grant and no redirect URI at all.
  expect_page(browser.get(AuthParams::for_client("demo-client", kCodeClientUri).query()), 400);
  // Even an error that would go back to the client first needs a good redirect URI.
  expect_page(browser.get(code_client()
                              .set("redirect_uri", "https://attacker.example/cb")
                              .set("response_type", "token")
                              .query()),
              400);
}

TEST_P(AuthorizationEndpoint, RepeatedRedirectUriIsAPage) {
  expect_page(browser.get(code_client().add("redirect_uri", kCodeClientUri).query()), 400);
}

TEST_P(AuthorizationEndpoint, RedirectUriMayBeOmittedOnlyWithExactlyOneRegistered) {
  auto one = browser.get(code_client().drop("redirect_uri").query());
  EXPECT_EQ(one.status, 200) << one.body;
  auto two = browser.get(AuthParams::for_client("multi-uri", "").query());
  expect_page(two, 400);
  auto chosen = browser.get(AuthParams::for_client("multi-uri", "https://b.example/cb").query());
  EXPECT_EQ(chosen.status, 200) << chosen.body;
}

TEST_P(AuthorizationEndpoint, LoopbackRedirectUriTakesAnyPortAndNothingElse) {
  for (const std::string ok : {"http://127.0.0.1/callback", "http://127.0.0.1:51004/callback"}) {
    EXPECT_EQ(browser.get(AuthParams::for_client("public-client", ok).query()).status, 200) << ok;
  }
  for (const std::string bad :
       {"http://127.0.0.1:51004/callback/", "http://127.0.0.1:51004/callback?x",
        "http://localhost:51004/callback", "http://127.0.0.1:51004/Callback",
        "http://127.0.0.1:80@attacker.example/callback"}) {
    expect_page(browser.get(AuthParams::for_client("public-client", bad).query()), 400);
  }
}

TEST_P(AuthorizationEndpoint, BrokenQueryEncodingIsAPage) {
  expect_page(browser.get("response_type=code&client_id=code-client&state=%ZZ"), 400);
}

// ---- errors that go back to the redirect URI -----------------------------------------------

TEST_P(AuthorizationEndpoint, ImplicitAndOtherResponseTypesAreUnsupported) {
  for (const std::string type : {"token", "code token", "id_token", "CODE", "code "}) {
    expect_error_redirect(browser.get(code_client().set("response_type", type).query()),
                          kCodeClientUri, "unsupported_response_type");
  }
}

TEST_P(AuthorizationEndpoint, MissingResponseTypeIsInvalidRequest) {
  expect_error_redirect(browser.get(code_client().drop("response_type").query()), kCodeClientUri,
                        "invalid_request");
}

TEST_P(AuthorizationEndpoint, PkceIsRequiredWithS256Only) {
  expect_error_redirect(browser.get(code_client().drop("code_challenge").query()), kCodeClientUri,
                        "invalid_request");
  expect_error_redirect(
      browser.get(code_client().drop("code_challenge").drop("code_challenge_method").query()),
      kCodeClientUri, "invalid_request");
  // No method means plain (RFC 7636 §4.3), which is refused; so are plain and a lower-case s256.
  for (const std::string method : {"plain", "s256", "S512", ""}) {
    expect_error_redirect(browser.get(code_client().set("code_challenge_method", method).query()),
                          kCodeClientUri, "invalid_request");
  }
  expect_error_redirect(browser.get(code_client().drop("code_challenge_method").query()),
                        kCodeClientUri, "invalid_request");
}

TEST_P(AuthorizationEndpoint, MalformedCodeChallengeIsInvalidRequest) {
  for (const std::string& challenge :
       {std::string(42, 'a'), std::string(129, 'a'), std::string(42, 'a') + "+",
        std::string(42, 'a') + "=", std::string(42, 'a') + " "}) {
    expect_error_redirect(browser.get(code_client().set("code_challenge", challenge).query()),
                          kCodeClientUri, "invalid_request");
  }
  EXPECT_EQ(browser.get(code_client().set("code_challenge", std::string(128, '~')).query()).status,
            200);
}

TEST_P(AuthorizationEndpoint, UnknownOrForbiddenScopeIsInvalidScope) {
  expect_error_redirect(browser.get(code_client().set("scope", "read nonsense").query()),
                        kCodeClientUri, "invalid_scope");
  expect_error_redirect(browser.get(code_client().set("scope", "admin").query()), kCodeClientUri,
                        "invalid_scope");
}

TEST_P(AuthorizationEndpoint, ClientWithoutTheCodeGrantIsUnauthorizedClient) {
  expect_error_redirect(
      browser.get(AuthParams::for_client("refresh-only", "https://ro.example/cb").query()),
      "https://ro.example/cb", "unauthorized_client");
}

TEST_P(AuthorizationEndpoint, RepeatedParameterIsInvalidRequest) {
  expect_error_redirect(browser.get(code_client().add("scope", "write").query()), kCodeClientUri,
                        "invalid_request");
  expect_error_redirect(browser.get(code_client().add("response_type", "code").query()),
                        kCodeClientUri, "invalid_request");
  expect_error_redirect(browser.get(code_client().add("code_challenge", kChallenge).query()),
                        kCodeClientUri, "invalid_request");
}

TEST_P(AuthorizationEndpoint, ErrorsWithoutStateCarryNoStateAndKeepTheRegisteredQuery) {
  auto r = browser.get(first_party().drop("state").set("response_type", "token").query());
  expect_error_redirect(r, "https://fp.example/cb", "unsupported_response_type", std::nullopt);
  EXPECT_THAT(*header(r, "Location"),
              StartsWith("https://fp.example/cb?tenant=1&error=unsupported_response_type&"));
  EXPECT_EQ(location_params(r)["tenant"], "1");
}

// RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted".
TEST_P(AuthorizationEndpoint, ParametersWithoutAValueCountAsOmitted) {
  auto r = browser.get(code_client().set("state", "").set("response_type", "token").query());
  expect_error_redirect(r, kCodeClientUri, "unsupported_response_type", std::nullopt);
  EXPECT_EQ(browser.get(code_client().set("redirect_uri", "").query()).status, 200)
      << "an empty redirect_uri is an omitted one: the only registered URI";
  expect_page(browser.get(AuthParams::for_client("multi-uri", "").add("redirect_uri", "").query()),
              400);
  expect_error_redirect(browser.get(code_client().set("code_challenge", "").query()),
                        kCodeClientUri, "invalid_request");
  EXPECT_EQ(browser.get(code_client().set("scope", "").query()).status, 200);
}

// ---- login ---------------------------------------------------------------------------------

TEST_P(AuthorizationEndpoint, LoginPageIsAPlainFormBoundToAPreSessionCookie) {
  const std::string query = code_client().query();
  auto r = browser.get(query);
  expect_page(r, 200);
  auto form = only_form(r);
  EXPECT_EQ(form.method, "post");
  EXPECT_EQ(form.action, "/oauth/authorize/?" + query) << "the request's query is kept";
  ASSERT_TRUE(form.input("csrf_token").has_value());
  EXPECT_EQ(form.input("csrf_token")->size(), 43u);
  EXPECT_TRUE(form.input("username").has_value());
  EXPECT_TRUE(form.input("password").has_value());
  EXPECT_THAT(r.body, HasSubstr("type=\"submit\""));
  EXPECT_THAT(r.body, Not(HasSubstr("<script")));
  auto line = browser.jar().set_cookie_line("ock_login");
  ASSERT_TRUE(line.has_value());
  EXPECT_THAT(cookie_attributes(*line),
              ::testing::UnorderedElementsAre("Path=/oauth/", "HttpOnly", "SameSite=Lax"));
  // The same pre-session cookie is kept on the next visit, so open forms stay valid.
  auto again = browser.get(query);
  EXPECT_TRUE(header_values(again, "Set-Cookie").empty());
  EXPECT_EQ(only_form(again).input("csrf_token"), form.input("csrf_token"));
}

TEST_P(AuthorizationEndpoint, WrongPasswordShowsTheLoginPageAgainWithAMessage) {
  auto page = browser.get(code_client().query());
  auto r = browser.submit_login(page, "alice", "wrong-password");
  expect_page(r, 200);
  EXPECT_THAT(r.body, HasSubstr("Wrong username or password."));
  EXPECT_TRUE(only_form(r).input("password").has_value());
  EXPECT_EQ(only_form(r).input("username"), "alice");
  EXPECT_FALSE(browser.jar().value("ock_session").has_value());
  auto unknown = browser.submit_login(page, "nobody", "x");
  EXPECT_THAT(unknown.body, HasSubstr("Wrong username or password."));
}

TEST_P(AuthorizationEndpoint, LoginFormSharesTheLockoutOfThePasswordGrant) {
  auto page = browser.get(code_client().query());
  for (int i = 0; i < 5; ++i) browser.submit_login(page, "victim", "wrong");
  auto locked = browser.submit_login(page, "victim", "victim-password-1");
  expect_page(locked, 200);
  EXPECT_THAT(locked.body, HasSubstr("Too many failed sign-ins"));
  EXPECT_FALSE(browser.jar().value("ock_session").has_value());
  auto grant = s.token("grant_type=password&username=victim&password=victim-password-1");
  EXPECT_EQ(body_json(grant).value("error", ""), "invalid_grant");
  EXPECT_TRUE(header(grant, "Retry-After").has_value());
  // ... and the other way round.
  for (int i = 0; i < 5; ++i) s.token("grant_type=password&username=alice&password=wrong");
  EXPECT_THAT(browser.submit_login(page, "alice", "alice-password-1").body,
              HasSubstr("Too many failed sign-ins"));
  s.clock().advance(31);
  EXPECT_EQ(browser.submit_login(page, "alice", "alice-password-1").status, 200);
  EXPECT_TRUE(browser.jar().value("ock_session").has_value());
}

TEST_P(AuthorizationEndpoint, LoginWithoutTheRightCsrfTokenIsRefusedAndIssuesNothing) {
  auto page = browser.get(first_party().query());
  auto form = only_form(page);
  const std::string token = *form.input("csrf_token");
  auto wrong = browser.post(form.action, {{"csrf_token", std::string(43, 'A')},
                                          {"username", "alice"},
                                          {"password", "alice-password-1"}});
  expect_page(wrong, 400);
  auto missing =
      browser.post(form.action, {{"username", "alice"}, {"password", "alice-password-1"}});
  expect_page(missing, 400);
  // The right token without its cookie (another browser) is no better.
  Browser other(s);
  auto stolen =
      other.post(form.action,
                 {{"csrf_token", token}, {"username", "alice"}, {"password", "alice-password-1"}});
  expect_page(stolen, 400);
  EXPECT_FALSE(browser.jar().value("ock_session").has_value());
  EXPECT_FALSE(other.jar().value("ock_session").has_value());
}

TEST_P(AuthorizationEndpoint, SessionCookieIsRandomHttpOnlyLaxOnOauthAndStoredOnlyAsAHash) {
  auto r = browser.submit_login(browser.get(code_client().query()), "alice", "alice-password-1");
  auto line = browser.jar().set_cookie_line("ock_session");
  ASSERT_TRUE(line.has_value()) << r.body;
  EXPECT_THAT(cookie_attributes(*line),
              ::testing::UnorderedElementsAre("Path=/oauth/", "HttpOnly", "SameSite=Lax"))
      << "no Secure over plain HTTP";
  const std::string value = *browser.jar().value("ock_session");
  EXPECT_EQ(value.size(), 43u);
  EXPECT_TRUE(s.store().find_session(sha256_hex(value))->has_value());
  EXPECT_FALSE(s.store().find_session(value)->has_value());
}

// ---- consent -------------------------------------------------------------------------------

TEST_P(AuthorizationEndpoint, ConsentPageNamesTheClientAndScopesEscaped) {
  auto r = browser.submit_login(browser.get(code_client().set("scope", "read write").query()),
                                "alice", "alice-password-1");
  expect_page(r, 200);
  EXPECT_THAT(r.body, HasSubstr("Code &lt;client&gt; &amp; &quot;co&quot;"));
  EXPECT_THAT(r.body, Not(HasSubstr("<client>")));
  EXPECT_THAT(r.body, HasSubstr("<strong>read</strong>: Read"));
  EXPECT_THAT(r.body, HasSubstr("<strong>write</strong>: Write"));
  EXPECT_THAT(r.body, Not(HasSubstr("<strong>groups</strong>")));
  auto form = only_form(r);
  EXPECT_EQ(form.method, "post");
  EXPECT_EQ(form.action, "/oauth/authorize/?" + code_client().set("scope", "read write").query());
  EXPECT_TRUE(form.has_button("decision", "allow"));
  EXPECT_TRUE(form.has_button("decision", "deny"));
  EXPECT_EQ(form.input("csrf_token")->size(), 43u);
  EXPECT_FALSE(form.input("password").has_value());
}

TEST_P(AuthorizationEndpoint, AllowRedirectsWithCodeStateAndIss) {
  auto r = browser.authorize(code_client().query());
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(location_base(r), kCodeClientUri);
  auto p = location_params(r);
  EXPECT_EQ(p["code"].size(), 43u) << "256 bits, base64url";
  EXPECT_EQ(p["state"], "st-1 /&=?é") << "returned unchanged";
  EXPECT_EQ(p["iss"], issuer());
  EXPECT_EQ(header(r, "Cache-Control"), "no-store");
  EXPECT_THAT(*header(r, "Location"), StartsWith(std::string(kCodeClientUri) + "?code="));
  EXPECT_TRUE(s.store().find_code(sha256_hex(p["code"]))->has_value()) << "stored as a hash";
  EXPECT_FALSE(s.store().find_code(p["code"])->has_value());
}

TEST_P(AuthorizationEndpoint, DenyRedirectsWithAccessDenied) {
  auto consent =
      browser.submit_login(browser.get(code_client().query()), "alice", "alice-password-1");
  expect_error_redirect(browser.submit_consent(consent, "deny"), kCodeClientUri, "access_denied",
                        "st-1 /&=?é", 303);
}

TEST_P(AuthorizationEndpoint, ConsentWithoutTheSessionsCsrfTokenIsRefused) {
  auto consent =
      browser.submit_login(browser.get(code_client().query()), "alice", "alice-password-1");
  auto form = only_form(consent);
  expect_page(
      browser.post(form.action, {{"csrf_token", std::string(43, 'A')}, {"decision", "allow"}}),
      400);
  expect_page(browser.post(form.action, {{"decision", "allow"}}), 400);
  // The token without the session cookie it is bound to (another browser).
  Browser stranger(s);
  expect_page(stranger.post(form.action,
                            {{"csrf_token", *form.input("csrf_token")}, {"decision", "allow"}}),
              400);
  expect_page(
      browser.post(form.action, {{"csrf_token", *form.input("csrf_token")}, {"decision", "maybe"}}),
      400);
  // The real one still works afterwards.
  EXPECT_EQ(browser.submit_consent(consent, "allow").status, 303);
}

// RFC 9700 §4.12: a redirect that answers a form POST (which may carry the user's
// credentials) must not be a 307 and SHOULD be a 303, so that the browser follows it with a GET
// and never re-posts the form to the client. Answers to a GET stay 302 (RFC 6749 §4.1.2).
TEST_P(AuthorizationEndpoint, RedirectsAnsweringAFormPostAre303) {
  auto login = browser.get(first_party().query());
  auto after_login = browser.submit_login(login, "alice", "alice-password-1");
  EXPECT_EQ(after_login.status, 303) << after_login.body;
  EXPECT_TRUE(location_params(after_login).count("code"));
  EXPECT_EQ(browser.get(first_party().query()).status, 302) << "a GET is answered with 302";

  auto consent = browser.get(code_client().query());
  auto allowed = browser.submit_consent(consent, "allow");
  EXPECT_EQ(allowed.status, 303);
  EXPECT_TRUE(location_params(allowed).count("code"));
  auto denied = browser.submit_consent(browser.get(code_client().query()), "deny");
  EXPECT_EQ(denied.status, 303);
  EXPECT_EQ(location_params(denied)["error"], "access_denied");
  // An error found in the query of a POST goes back the same way.
  auto page = browser.get(code_client().query());
  auto bad = browser.post("/oauth/authorize/?" + code_client().set("response_type", "token").query(),
                          {{"csrf_token", *only_form(page).input("csrf_token")}, {"decision", "allow"}});
  EXPECT_EQ(bad.status, 303);
  EXPECT_EQ(location_params(bad)["error"], "unsupported_response_type");
}

TEST_P(AuthorizationEndpoint, FirstPartyClientSkipsConsent) {
  auto r = browser.submit_login(browser.get(first_party().query()), "alice", "alice-password-1");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_THAT(*header(r, "Location"), StartsWith("https://fp.example/cb?tenant=1&code="));
  EXPECT_TRUE(browser.jar().value("ock_session").has_value()) << "the session cookie comes with it";
}

TEST_P(AuthorizationEndpoint, SignedInUserIsNotAskedToSignInAgain) {
  ASSERT_EQ(browser.authorize(first_party().query()).status, 303);
  auto again = browser.get(first_party().query());
  EXPECT_EQ(again.status, 302) << again.body;
  EXPECT_TRUE(location_params(again).count("code"));
  auto consent = browser.get(code_client().query());
  expect_page(consent, 200);
  EXPECT_TRUE(only_form(consent).has_button("decision", "allow")) << "consent, not login";
}

TEST_P(AuthorizationEndpoint, SessionEndsAfterTenIdleMinutesAndEachUseExtendsIt) {
  ASSERT_EQ(browser.authorize(first_party().query()).status, 303);
  s.clock().advance(500);
  EXPECT_EQ(browser.get(first_party().query()).status, 302);
  s.clock().advance(500);
  EXPECT_EQ(browser.get(first_party().query()).status, 302) << "used 500 s ago: still live";
  s.clock().advance(601);
  auto r = browser.get(first_party().query());
  expect_page(r, 200);
  EXPECT_TRUE(only_form(r).input("password").has_value()) << "signed out after 10 idle minutes";
}

TEST_P(AuthorizationEndpoint, SessionEndsAfterTwelveHoursHoweverBusy) {
  ASSERT_EQ(browser.authorize(first_party().query()).status, 303);
  for (int i = 0; i < 12 * 6; ++i) {  // a use every 599 s for just under 12 hours
    s.clock().advance(599);
    ASSERT_EQ(browser.get(first_party().query()).status, 302) << "use " << i;
  }
  s.clock().advance(599);
  auto r = browser.get(first_party().query());
  expect_page(r, 200);
  EXPECT_TRUE(only_form(r).input("password").has_value()) << "sign in again after 12 hours";
}

TEST_P(AuthorizationEndpoint, SigningInAgainReplacesTheSession) {
  auto login = browser.get(first_party().query());
  ASSERT_EQ(browser.submit_login(login, "alice", "alice-password-1").status, 303);
  const std::string first = *browser.jar().value("ock_session");
  // The same login form, submitted again with the first session's cookie (as after a back
  // button): a new session value, and the old one is gone (no fixation, no leftovers).
  ASSERT_EQ(browser.submit_login(login, "victim", "victim-password-1").status, 303);
  const std::string second = *browser.jar().value("ock_session");
  EXPECT_NE(second, first);
  EXPECT_FALSE(s.store().find_session(sha256_hex(first))->has_value());
  EXPECT_TRUE(s.store().find_session(sha256_hex(second))->has_value());
}

TEST_P(AuthorizationEndpoint, TypedTextIsEscaped) {
  auto page = browser.get(code_client().query());
  auto r = browser.submit_login(page, "\"><script>alert(1)</script>", "x");
  EXPECT_THAT(r.body, Not(HasSubstr("<script>")));
  EXPECT_EQ(only_form(r).input("username"), "\"><script>alert(1)</script>");
}

TEST_P(AuthorizationEndpoint, OnlyGetAndPostAreAllowed) {
  ApiRequest req{
      "PUT", "/oauth/authorize/", code_client().query(), std::nullopt, std::nullopt, "", "", false};
  auto r = s.send(req);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(header(r, "Allow"), "GET, POST");
}

TEST_P(AuthorizationEndpoint, PostWithoutAFormIsRefused) {
  auto page = browser.get(code_client().query());
  expect_page(browser.post(only_form(page).action, {{"something", "else"}}), 400);
}

// The repeated-parameter checks must not be quadratic: 100,000 parameters (possible where no
// request size limit applies, as straight through the Router) are answered at once.
TEST(AuthorizationEndpointLimits, ManyParametersAreCheckedInLinearTime) {
  ServerHarness s(Path::kDirect);  // over HTTP, requests are capped at 128 KiB
  Browser browser(s);
  std::string query = AuthParams::for_client("code-client", kCodeClientUri).query();
  std::vector<std::pair<std::string, std::string>> fields = {
      {"csrf_token", "x"}, {"username", "alice"}, {"password", "y"}};
  for (int i = 0; i < 100000; ++i) {
    query += "&p" + std::to_string(i) + "=1";
    fields.emplace_back("f" + std::to_string(i), "1");
  }
  const std::string body = test_support::form_body(fields);
  const auto started = std::chrono::steady_clock::now();
  auto r = browser.get(query);
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
  auto posted = browser.post("/oauth/authorize/?" + query, fields);
  EXPECT_EQ(posted.status, 400);
  ApiRequest token{"POST", "/oauth/token/", "", "application/x-www-form-urlencoded",
                   std::nullopt, body, "", false};
  EXPECT_EQ(s.send(token).status, 401);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

INSTANTIATE_TEST_SUITE_P(Paths, AuthorizationEndpoint,
                         ::testing::Values(Path::kDirect, Path::kHttp),
                         [](const ::testing::TestParamInfo<Path>& p) {
                           return p.param == Path::kDirect ? "Direct" : "Http";
                         });

}  // namespace
}  // namespace ock::server::testing
