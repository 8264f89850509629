#include "conformance/catalog/cases/cases.h"
#include "conformance/catalog/catalog.h"
#include "conformance/checks/authorization.h"
#include "conformance/checks/metadata.h"
#include "conformance/checks/status.h"
#include "conformance/engine/authorization.h"
#include "conformance/engine/grants.h"
#include "conformance/engine/pkce.h"
#include "conformance/engine/probe.h"
#include "conformance/engine/token_reply.h"
#include "conformance/model/ids.h"

namespace ock::conformance::catalog {
namespace {

using namespace engine;  // NOLINT: case files read as plain OAuth steps
using namespace checks;  // NOLINT

// Redeems the code of a completed flow with its verifier and the redirect URI it was sent with.
HttpExchange redeem(Probe& p, const AuthorizationOutcome& out, std::string_view client_role,
                    std::string label) {
  std::optional<std::string> redirect;
  if (!out.redirect_uri.empty()) redirect = out.redirect_uri;
  std::optional<std::string> verifier;
  if (!out.verifier.empty()) verifier = out.verifier;
  return p.send(code_token_request(p, out.param("code").value_or(""), client_role, redirect,
                                   verifier),
                std::move(label));
}


// Redeems the code of `out` with chosen parts: the redirect URI and verifier as given (nullopt
// leaves them out).
HttpExchange redeem_with(Probe& p, const AuthorizationOutcome& out, std::string_view client_role,
                         std::optional<std::string> redirect, std::optional<std::string> verifier,
                         std::string label) {
  return p.send(code_token_request(p, out.param("code").value_or(""), client_role,
                                   std::move(redirect), std::move(verifier)),
                std::move(label));
}

// The redirect URI of the primary client with its last path segment changed by `bend`.
std::string bent(const std::string& uri, const std::string& how) {
  auto q = uri.find('?');
  std::string path = uri.substr(0, q), query = q == std::string::npos ? "" : uri.substr(q);
  if (how == "extra_path") return path + (path.back() == '/' ? "" : "/") + "ock-extra" + query;
  if (how == "extra_query") return uri + (query.empty() ? "?" : "&") + "ock=1";
  if (how == "trailing_slash") {
    return (path.back() == '/' ? path.substr(0, path.size() - 1) : path + "/") + query;
  }
  std::string upper = path;  // "case": the path upper-cased
  auto start = upper.find('/', upper.find("://") + 3);
  for (auto i = start; i != std::string::npos && i < upper.size(); ++i) {
    upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
  }
  return upper + query;
}

// The metadata's authorization_response_iss_parameter_supported, when it was published.
bool iss_advertised(Probe& p) {
  auto m = p.published(facts::kMetadata);
  if (!m) return false;
  auto j = json_object_body(m->response);
  if (!j) return false;
  auto it = j->find("authorization_response_iss_parameter_supported");
  return it != j->end() && it->is_boolean() && it->get<bool>();
}

constexpr const char* kAttacker = "https://ock-attacker.invalid/cb";

// The client of the code.* cases: clients.code, else clients.primary.
std::string code_client(Probe& p) { return p.profile().code_client_role(); }

// A flow for that client unless the ask names another.
AuthorizationOutcome flow(Probe& p, AuthorizationAsk ask) {
  if (ask.client_role == "primary") ask.client_role = code_client(p);
  return authorize(p, ask);
}

const Case kCases[] = {
    {.id = ids::kCodeSuccess,
     .title = "Authorization code grant with PKCE (S256): login, consent, code, token",
     .requirement = "The client directs the user-agent to the authorization endpoint with "
                    "response_type=code, client_id, redirect_uri, scope and state; the "
                    "authorization server authenticates the resource owner and redirects back "
                    "with the authorization code; the client MUST send the code, the "
                    "redirect_uri and the code_verifier to the token endpoint, and if the "
                    "request is valid the authorization server issues an access token (RFC 6749 "
                    "§4.1.1-§4.1.4; RFC 7636 §4.3-§4.6).",
     .refs = {{"RFC6749", "4.1.1"}, {"RFC6749", "4.1.2"}, {"RFC6749", "4.1.3"},
              {"RFC6749", "4.1.4"}, {"RFC7636", "4.5"}, {"RFC7636", "4.6"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .writes = {facts::kCodeReply, facts::kEndpointToken, facts::kGrantCode,
                facts::kTokenReplies},
     .sends = "GET authorization endpoint ?response_type=code&client_id&redirect_uri&scope&state"
              "&code_challenge&code_challenge_method=S256; the login (and consent) forms per the "
              "profile's login recipe; then POST token endpoint grant_type=authorization_code"
              "&code&redirect_uri&code_verifier with the client's authentication",
     .passes = "a redirect to the registered redirect URI with a code and the state unchanged, "
               "then 200 with an access token. FAIL: no code, or the code not redeemed",
     .run = [](Probe& p) {
       auto out = flow(p, {});
       require_code_issued(out);
       expect_state_returned(out);
       auto x = redeem(p, out, code_client(p), "redeem the code with its verifier");
       require_token_issued(x);
       p.publish(facts::kCodeReply, x);
       p.add_token_reply("authorization_code", x);
       p.set_fact(facts::kGrantCode, "works");
       p.set_fact(facts::kEndpointToken, "works");
     }},

    {.id = "code.pkce_required",
     .title = "An authorization request without a code_challenge earns no token",
     .requirement = "Authorization servers MUST support PKCE; public clients MUST use it, and "
                    "it is RECOMMENDED for confidential clients (RFC 9700 §2.1.1): a server that "
                    "lets a public client through without PKCE leaves its codes open to "
                    "injection (RFC 7636 §1).",
     .refs = {{"RFC9700", "2.1.1"}, {"RFC7636", "4.4.1"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "for clients.public (when configured) and the primary client: an authorization "
              "request with no code_challenge; a code that comes back is redeemed with no "
              "code_verifier",
     .passes = "no code, or its redemption refused. FAIL: a token for the public client. WARN: "
               "a token for the confidential client (FAIL in bcp)",
     .run = [](Probe& p) {
       if (p.profile().client("public")) {
         auto pub = flow(p, {.client_role = "public", .code_challenge_method = ""});
         std::optional<HttpExchange> x;
         if (pub.param("code")) x = redeem_with(p, pub, "public", pub.redirect_uri, std::nullopt,
                                                "public client: redeem without a verifier");
         expect_pkce_enforced(pub, x, "without a code_challenge", {.id = "pkce_required#public"});
       }
       auto conf = flow(p, {.code_challenge_method = ""});
       std::optional<HttpExchange> y;
       if (conf.param("code")) {
         y = redeem_with(p, conf, code_client(p), conf.redirect_uri, std::nullopt,
                         "confidential client: redeem without a verifier");
       }
       expect_pkce_enforced(conf, y, "without a code_challenge",
                            {.id = "pkce_required#confidential", .level = Level::kBcp});
     }},

    {.id = "code.wrong_verifier",
     .title = "A code redeemed with the wrong code_verifier is refused",
     .requirement = "If the values are not equal, an error response indicating \"invalid_grant\" "
                    "as described in Section 5.2 of [RFC6749] MUST be returned (RFC 7636 §4.6).",
     .refs = {{"RFC7636", "4.6"}, {"RFC6749", "5.2"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "an S256 flow; the code redeemed with another, fresh verifier",
     .passes = "400 invalid_grant, no token. FAIL: a token",
     .run = [](Probe& p) {
       auto out = flow(p, {});
       require_code_issued(out);
       auto x = redeem_with(p, out, code_client(p), out.redirect_uri, make_code_verifier(),
                            "redeem with a wrong verifier");
       expect_no_token_issued(x);
       expect_status(x, 400, {.level = Level::kShould});
       expect_error_code(x, "invalid_grant", {.level = Level::kShould});
     }},

    {.id = "code.verifier_downgrade",
     .title = "A code issued for a code_challenge is refused without a code_verifier",
     .requirement = "If a client sends a valid PKCE code_challenge parameter in the "
                    "authorization request, the authorization server MUST enforce the correct "
                    "usage of code_verifier at the token endpoint (RFC 9700 §2.1.1).",
     .refs = {{"RFC9700", "2.1.1"}, {"RFC7636", "4.6"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "an S256 flow; the code redeemed with no code_verifier",
     .passes = "no token (400 invalid_grant or invalid_request). FAIL: a token",
     .run = [](Probe& p) {
       auto out = flow(p, {});
       require_code_issued(out);
       auto x = redeem_with(p, out, code_client(p), out.redirect_uri, std::nullopt,
                            "redeem without the verifier");
       expect_no_token_issued(x);
       expect_error_code_in(x, {"invalid_grant", "invalid_request"}, {.level = Level::kShould});
     }},

    {.id = "code.plain_refused",
     .title = "The plain code_challenge_method is neither advertised nor accepted",
     .requirement = "If the client is capable of using S256, it MUST use S256 (RFC 7636 §4.2); "
                    "clients SHOULD use S256, which does not expose the verifier in the "
                    "authorization request (RFC 9700 §2.1.1): a server has no reason to take "
                    "plain.",
     .refs = {{"RFC9700", "2.1.1"}, {"RFC7636", "4.2"}, {"RFC8414", "2"}},
     .level = Level::kBcp,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .follows = {ids::kMetadataReachable},
     .reads = {facts::kMetadata},
     .sends = "reads code_challenge_methods_supported of the metadata; an authorization "
              "request with code_challenge_method=plain, and its code redeemed with the plain "
              "verifier",
     .passes = "plain not advertised, and refused (no code, or no token). WARN: advertised or "
               "accepted (FAIL in bcp)",
     .run = [](Probe& p) {
       if (auto m = p.published(facts::kMetadata)) {
         if (auto j = json_object_body(m->response)) {
           expect_not_advertised(string_list(*j, "code_challenge_methods_supported"),
                                 "code_challenge_methods_supported", "plain");
         }
       }
       auto out = flow(p, {.code_challenge_method = "plain"});
       std::optional<HttpExchange> x;
       if (out.param("code")) {
         x = redeem(p, out, code_client(p), "redeem the plain-challenge code");
       }
       expect_pkce_enforced(out, x, "with a plain code_challenge", {.id = "plain_not_accepted"});
     }},

    {.id = "code.reuse",
     .title = "A code redeemed twice: the second refused, the first tokens revoked",
     .requirement = "The client MUST NOT use the authorization code more than once. If an "
                    "authorization code is used more than once, the authorization server MUST "
                    "deny the request and SHOULD revoke (when possible) all tokens previously "
                    "issued based on that authorization code (RFC 6749 §4.1.2).",
     .refs = {{"RFC6749", "4.1.2"}, {"RFC6749", "10.5"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant, Need::kRs},
     .after = {ids::kCodeSuccess},
     .sends = "an S256 flow; the code redeemed, then redeemed again; the first access token at "
              "the resource afterwards",
     .passes = "the second redemption refused (MUST) and the first access token refused at the "
               "resource (SHOULD). FAIL: a second token. WARN: the first token still works",
     .run = [](Probe& p) {
       auto out = flow(p, {});
       require_code_issued(out);
       auto first = redeem(p, out, code_client(p), "first redemption");
       require_token_issued(first);
       auto second = redeem(p, out, code_client(p), "second redemption of the same code");
       expect_no_token_issued(second, {.id = "second_refused"});
       auto at = access_token_of(first).value_or("");
       auto x = p.send(p.resource_call(p.rs(), at), "the first access token after the reuse");
       expect_refused(x, {.id = "first_tokens_revoked", .level = Level::kShould});
     }},

    {.id = "code.bound_to_client",
     .title = "A code issued to one client is refused to another",
     .requirement = "The authorization server MUST ensure that the authorization code was "
                    "issued to the authenticated confidential client (RFC 6749 §4.1.3).",
     .refs = {{"RFC6749", "4.1.3"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant, Need::kC2},
     .after = {ids::kCodeSuccess},
     .sends = "an S256 flow for the primary client; the code redeemed by clients.second (its "
              "own authentication, the primary's redirect URI and verifier)",
     .passes = "400 invalid_grant, no token. FAIL: a token",
     .run = [](Probe& p) {
       auto out = flow(p, {});
       require_code_issued(out);
       auto x = redeem_with(p, out, p.profile().client("code_second") ? "code_second" : "second",
                            out.redirect_uri, out.verifier,
                            "clients.second redeems the primary client's code");
       expect_no_token_issued(x);
       expect_error_code(x, "invalid_grant", {.level = Level::kShould});
     }},

    {.id = "code.redirect_uri_mismatch",
     .title = "A code redeemed with another redirect_uri, or none, is refused",
     .requirement = "The authorization server MUST ensure that the redirect_uri parameter is "
                    "present if it was included in the initial authorization request, and if "
                    "included ensure that their values are identical (RFC 6749 §4.1.3).",
     .refs = {{"RFC6749", "4.1.3"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "two S256 flows with the registered redirect URI; one code redeemed with that URI "
              "plus an extra path segment, the other with no redirect_uri",
     .passes = "both refused (400 invalid_grant). FAIL: a token",
     .run = [](Probe& p) {
       auto a = flow(p, {});
       require_code_issued(a);
       auto x = redeem_with(p, a, code_client(p), bent(a.redirect_uri, "extra_path"), a.verifier,
                            "redeem with a different redirect_uri");
       expect_no_token_issued(x, {.id = "mismatch_refused"});
       auto b = flow(p, {});
       require_code_issued(b);
       auto y = redeem_with(p, b, code_client(p), std::nullopt, b.verifier,
                            "redeem without the redirect_uri");
       expect_no_token_issued(y, {.id = "missing_refused"});
     }},

    {.id = "code.unregistered_redirect",
     .title = "No redirect to an unregistered redirect URI, or for an unknown client",
     .requirement = "If the request fails due to a missing, invalid, or mismatching redirection "
                    "URI, or if the client identifier is missing or invalid, the authorization "
                    "server SHOULD inform the resource owner of the error and MUST NOT "
                    "automatically redirect the user-agent to the invalid redirection URI "
                    "(RFC 6749 §4.1.2.1; RFC 9700 §4.11: no open redirector).",
     .refs = {{"RFC6749", "4.1.2.1"}, {"RFC6749", "3.1.2.4"}, {"RFC9700", "4.11"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "authorization requests with redirect_uri=https://ock-attacker.invalid/cb: from "
              "the client of the code flow, then from an unknown client_id (logging in when "
              "asked, since a server may authenticate the user first)",
     .passes = "no redirect to that URI (an error page). FAIL: a redirect there",
     .run = [](Probe& p) {
       auto a = flow(p, {.redirect_uri = std::string(kAttacker)});
       expect_no_redirect_to(a, kAttacker, {.id = "no_redirect#unregistered"});
       auto b = flow(p, {.client_id = "ock-unknown-" + p.random_token(8),
                         .redirect_uri = std::string(kAttacker)});
       expect_no_redirect_to(b, kAttacker, {.id = "no_redirect#unknown_client"});
     }},

    {.id = "code.redirect_exact",
     .title = "Redirect URIs are compared exactly: near misses get no redirect",
     .requirement = "When comparing client redirection URIs against pre-registered URIs, "
                    "authorization servers MUST utilize exact string matching except for port "
                    "numbers in localhost redirection URIs of native apps (RFC 9700 §4.1.3, "
                    "§2.1).",
     .refs = {{"RFC9700", "4.1.3"}, {"RFC9700", "2.1"}, {"RFC6749", "3.1.2.3"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "authorization requests whose redirect_uri is the registered one with an extra "
              "path segment, an extra query parameter, the path upper-cased, and a trailing "
              "slash added or removed (logging in when asked)",
     .passes = "no redirect to any of them. FAIL: a redirect to a near miss",
     .run = [](Probe& p) {
       const std::string registered = p.client(code_client(p)).redirect_uri;
       for (const char* how : {"extra_path", "extra_query", "case", "trailing_slash"}) {
         std::string uri = bent(registered, how);
         if (uri == registered) continue;
         auto out = flow(p, {.redirect_uri = uri});
         expect_no_redirect_to(out, uri, {.id = std::string("no_redirect#") + how});
       }
     }},

    {.id = "code.state_unchanged",
     .title = "A state with reserved characters comes back unchanged",
     .requirement = "state REQUIRED if the \"state\" parameter was present in the client "
                    "authorization request: the exact value received from the client (RFC 6749 "
                    "§4.1.2).",
     .refs = {{"RFC6749", "4.1.2"}, {"RFC6749", "10.12"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "an S256 flow whose state holds space, + / = & % ~ and non-ASCII characters",
     .passes = "the redirect carries exactly that state. FAIL: another value or none",
     .run = [](Probe& p) {
       auto out = flow(p, {.state = "ock state+/=&%~é-" + p.random_token(8)});
       expect_state_returned(out);
     }},

    {.id = "code.iss",
     .title = "The authorization response carries iss, equal to the issuer",
     .requirement = "Authorization servers supporting this specification MUST provide their "
                    "issuer identifier [in the iss parameter] ... of the authorization response "
                    "(RFC 9207 §2); RFC 9700 §4.4.2 recommends it against mix-up attacks.",
     .refs = {{"RFC9207", "2"}, {"RFC9207", "2.4"}, {"RFC9700", "4.4.2"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant, Need::kIssuer},
     .after = {ids::kCodeSuccess},
     .follows = {ids::kMetadataReachable},
     .reads = {facts::kMetadata},
     .sends = "an S256 flow; reads authorization_response_iss_parameter_supported of the metadata",
     .passes = "iss equal to the issuer when the metadata advertises it (MUST). WARN: no iss "
               "and none advertised (RFC 9700 advice). FAIL: advertised but absent or different",
     .run = [](Probe& p) {
       auto out = flow(p, {});
       require_code_issued(out);
       const std::string issuer = p.profile().issuer;
       if (iss_advertised(p) || out.param("iss")) {
         expect_iss(out, issuer);
       } else {
         expect_iss(out, issuer, {.id = "iss_sent", .level = Level::kBcp});
       }
     }},

    {.id = "code.error_state",
     .title = "An authorization error response carries the state",
     .requirement = "state REQUIRED if a \"state\" parameter was present in the client "
                    "authorization request: the exact value received from the client (RFC 6749 "
                    "§4.1.2.1), in error responses too.",
     .refs = {{"RFC6749", "4.1.2.1"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "an authorization request with response_type=ock_unknown and a state",
     .passes = "the error redirect carries the state unchanged. FAIL: no state or another. SKIP: "
               "no error redirect to judge (code.unsupported_response_type judges that)",
     .run = [](Probe& p) {
       auto out = flow(p, {.response_type = "ock_unknown"});
       if (!out.redirected || !out.param("error")) p.skip("no error redirect came back");
       expect_state_returned(out);
     }},

    {.id = "code.unsupported_response_type",
     .title = "An unknown response_type is refused with unsupported_response_type",
     .requirement = "If an authorization request is missing the \"response_type\" parameter, or "
                    "if the response type is not understood, the authorization server MUST "
                    "return an error response as described in Section 4.1.2.1 (RFC 6749 "
                    "§3.1.1): error=unsupported_response_type.",
     .refs = {{"RFC6749", "3.1.1"}, {"RFC6749", "4.1.2.1"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "an authorization request with response_type=ock_unknown (logging in when asked)",
     .passes = "a redirect with error=unsupported_response_type and no code. FAIL: a code, or no "
               "error redirect",
     .run = [](Probe& p) {
       auto out = flow(p, {.response_type = "ock_unknown"});
       expect_no_code(out);
       expect_authorization_error(out, {"unsupported_response_type"});
     }},

    {.id = "code.implicit_refused",
     .title = "The implicit grant (response_type=token) issues no access token",
     .requirement = "Clients SHOULD NOT use the implicit grant (response type \"token\") ... "
                    "unless access token injection in the authorization response is prevented "
                    "(RFC 9700 §2.1.2); OAuth 2.1 removes it.",
     .refs = {{"RFC9700", "2.1.2"}, {"RFC6749", "4.2"}},
     .level = Level::kBcp,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "an authorization request with response_type=token, the login and consent as "
              "usual",
     .passes = "no access token in the redirect (an error such as unsupported_response_type). "
               "WARN: an access token in the redirect (FAIL in bcp)",
     .run = [](Probe& p) {
       auto out = flow(p, {.response_type = "token", .code_challenge_method = ""});
       expect_no_token_in_redirect(out);
     }},

    {.id = "code.lifetime",
     .title = "A code redeemed after its declared lifetime is refused",
     .requirement = "The authorization code MUST expire shortly after it is issued to mitigate "
                    "the risk of leaks. A maximum authorization code lifetime of 10 minutes is "
                    "RECOMMENDED (RFC 6749 §4.1.2).",
     .refs = {{"RFC6749", "4.1.2"}, {"RFC6819", "5.1.5.3"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .time_delayed = true,
     .sends = "an S256 flow; the code redeemed after timing.code_lifetime_s + timing.leeway_s",
     .passes = "refused (400 invalid_grant). FAIL: a token. SKIP: no code_lifetime_s declared, or "
               "longer than timing.max_wait_s",
     .run = [](Probe& p) {
       const auto& t = p.profile().timing;
       if (t.code_lifetime_s <= 0) p.skip("timing.code_lifetime_s is not in the profile");
       if (t.code_lifetime_s + t.leeway_s > t.max_wait_s) {
         p.skip("timing.code_lifetime_s + leeway_s is longer than timing.max_wait_s");
       }
       auto out = flow(p, {});
       require_code_issued(out);
       p.sleep_for(std::chrono::seconds(t.code_lifetime_s + t.leeway_s));
       auto x = redeem(p, out, code_client(p), "redeem after the code's lifetime");
       expect_no_token_issued(x);
       expect_error_code(x, "invalid_grant", {.level = Level::kShould});
     }},

    {.id = "code.frame_protection",
     .title = "The login and consent pages refuse to be framed",
     .requirement = "Authorization servers MUST prevent clickjacking attacks ... by using "
                    "Content Security Policy frame-ancestors (and X-Frame-Options for older "
                    "browsers) on the pages the resource owner interacts with (RFC 9700 §4.16; "
                    "RFC 6749 §10.13).",
     .refs = {{"RFC9700", "4.16"}, {"RFC6749", "10.13"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "an S256 flow; every HTML page shown on the way (login, consent) is inspected",
     .passes = "each carries X-Frame-Options DENY/SAMEORIGIN or CSP frame-ancestors "
               "'none'/'self'. FAIL: a page without. SKIP: no page shown (a login command)",
     .run = [](Probe& p) {
       auto out = flow(p, {});
       if (out.pages.empty()) p.skip("no HTML page was shown on the way");
       int n = 0;
       for (const auto& page : out.pages) {
         expect_frame_protection(page, {.id = "frame_protection#page" + std::to_string(++n)});
       }
     }},

    {.id = "code.consent_denied",
     .title = "A refused consent returns access_denied and no code",
     .requirement = "If the resource owner denies the access request, the authorization server "
                    "informs the client by adding the error parameter to the redirection URI: "
                    "access_denied (RFC 6749 §4.1.2.1); error REQUIRED, and no code MUST be "
                    "issued for a denied request.",
     .refs = {{"RFC6749", "4.1.2.1"}},
     .level = Level::kMust,
     .needs = {Need::kCodeGrant},
     .after = {ids::kCodeSuccess},
     .sends = "an S256 flow in which the consent form is answered with the recipe's refusal",
     .passes = "a redirect with error=access_denied and no code. FAIL: a code. SKIP: no consent "
               "step is shown for the client",
     .run = [](Probe& p) {
       auto out = flow(p, {.deny = true});
       if (!out.consent_shown) p.skip("no consent step was shown for the primary client");
       expect_no_code(out);
       expect_authorization_error(out, {"access_denied"}, {.level = Level::kShould});
     }},
};

}  // namespace

void add_code_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
