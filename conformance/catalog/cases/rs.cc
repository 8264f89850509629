#include <map>

#include "conformance/catalog/cases/cases.h"
#include "conformance/catalog/catalog.h"
#include "conformance/checks/caching.h"
#include "conformance/checks/challenge.h"
#include "conformance/checks/check.h"
#include "conformance/checks/entropy.h"
#include "conformance/checks/introspection.h"
#include "conformance/checks/json.h"
#include "conformance/checks/scope.h"
#include "conformance/checks/secrets.h"
#include "conformance/checks/status.h"
#include "conformance/checks/token_reply.h"
#include "conformance/engine/grants.h"
#include "conformance/engine/probe.h"
#include "conformance/engine/token_reply.h"
#include "conformance/engine/url.h"
#include "conformance/model/ids.h"

namespace ock::conformance::catalog {
namespace {

using namespace engine;  // NOLINT: case files read as plain OAuth steps
using namespace checks;  // NOLINT


// The [RS] call with a custom Authorization header value (nullopt: no header at all).
HttpRequest rs_with_authorization(Probe& p, std::optional<std::string> value,
                                  std::string header_name = "Authorization") {
  HttpRequest r = p.resource_call(p.rs(), std::nullopt, BearerIn::kNone);
  if (value) r.headers.push_back({std::move(header_name), std::move(*value)});
  return r;
}

// A resource the runner may POST a form body to: the first POST resource, else [RS] as POST.
HttpRequest form_post(Probe& p, const std::string& token) {
  const Resource* target = &p.rs();
  for (const auto& r : p.profile().resources) {
    if (r.method == "POST") {
      target = &r;
      break;
    }
  }
  HttpRequest req = p.resource_call(*target, token, BearerIn::kFormBody);
  req.method = "POST";
  return req;
}

// The token was read: served (2xx) or refused for lack of scope (403), not "no credentials".
bool token_recognised(const HttpExchange& x) {
  return (x.response.status >= 200 && x.response.status <= 299) || x.response.status == 403;
}

bool is_resource_call(const Profile& prof, const HttpExchange& x) {
  for (const auto& r : prof.resources) {
    if (!r.url.empty() && x.request.url.rfind(r.url, 0) == 0) return true;
  }
  return false;
}

// The resource-server replies of the run that carry a challenge or a 401, by "#case-n" suffix.
std::vector<std::pair<std::string, HttpExchange>> challenged_replies(Probe& p) {
  std::vector<std::pair<std::string, HttpExchange>> out;
  std::map<std::string, int> seen;
  for (const auto& e : p.all_exchanges()) {
    const auto& x = e.exchange;
    if (!is_resource_call(p.profile(), x)) continue;
    if (x.response.status != 401 && x.response.header_all("WWW-Authenticate").empty()) continue;
    int n = ++seen[e.case_id];
    out.emplace_back("#" + e.case_id + (n > 1 ? "-" + std::to_string(n) : ""), x);
  }
  return out;
}

const Case kCases[] = {
    {.id = ids::kRsHeaderAccepted,
     .title = "Resource call with Authorization: Bearer <access token>",
     .requirement = "Resource servers MUST support this method (the Authorization request "
                    "header field with the Bearer scheme) (RFC 6750 §2.1).",
     .refs = {{"RFC6750", "2.1"}},
     .level = Level::kMust,
     .needs = {Need::kRs},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; GET <RS> with Authorization: Bearer <AT>",
     .passes = "2xx. FAIL: otherwise (prerequisite of the other rs.* cases)",
     .run = [](Probe& p) {
       Grant g = p.obtain_grant();
       auto x = p.send(p.resource_call(p.rs(), g.access_token), "Bearer in the header");
       expect_success(x);
     }},

    {.id = "rs.header.scheme_case",
     .title = "Resource call with authorization: bearer <access token> (lower case)",
     .requirement = "It uses a case-insensitive token to identify the authentication scheme "
                    "(RFC 9110 §11.1); for interoperability a resource server SHOULD accept "
                    "\"bearer\" as it accepts \"Bearer\" (RFC 6750 §2.1).",
     .refs = {{"RFC9110", "11.1"}, {"RFC6750", "2.1"}},
     .level = Level::kShould,
     .needs = {Need::kRs},
     .after = {ids::kRsHeaderAccepted},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; GET <RS> with the header line authorization: bearer <AT>",
     .passes = "2xx. WARN: refused",
     .run = [](Probe& p) {
       Grant g = p.obtain_grant();
       auto x = p.send(rs_with_authorization(p, "bearer " + g.access_token, "authorization"),
                       "lower-case scheme and header name");
       expect_success(x);
     }},

    {.id = "rs.no_token.challenge",
     .title = "Resource call without any credentials",
     .requirement = "If the protected resource request does not include authentication "
                    "credentials ... the resource server MUST include the HTTP "
                    "\"WWW-Authenticate\" response header field (RFC 6750 §3); if the request "
                    "lacks any authentication information, the resource server SHOULD NOT "
                    "include an error code (§3.1).",
     .refs = {{"RFC6750", "3"}, {"RFC6750", "3.1"}},
     .level = Level::kMust,
     .needs = {Need::kRs},
     .after = {ids::kRsHeaderAccepted},
     .needs_facts = kAnyTokenSource,
     .sends = "GET <RS> without Authorization",
     .passes = "401 + WWW-Authenticate: Bearer without error. FAIL: not 401, or no Bearer "
               "challenge. WARN: error attribute present",
     .run = [](Probe& p) {
       auto x = p.send(rs_with_authorization(p, std::nullopt), "no credentials");
       expect_status(x, 401);
       expect_www_authenticate(x, "Bearer");
       expect_bearer_challenge_without_error(x, {.level = Level::kShould});
     }},

    {.id = "rs.invalid_token",
     .title = "Resource call with a random, never-issued token",
     .requirement = "invalid_token: The access token provided is expired, revoked, malformed, "
                    "or invalid for other reasons. The resource SHOULD respond with the HTTP "
                    "401 (Unauthorized) status code (RFC 6750 §3.1); it MUST NOT serve it.",
     .refs = {{"RFC6750", "3"}, {"RFC6750", "3.1"}},
     .level = Level::kShould,
     .needs = {Need::kRs},
     .after = {ids::kRsHeaderAccepted},
     .needs_facts = kAnyTokenSource,
     .sends = "GET <RS> with Authorization: Bearer <random 43 characters>",
     .passes = "401 + error=\"invalid_token\". FAIL: 2xx. WARN: another status or no error",
     .run = [](Probe& p) {
       auto x = p.send(p.resource_call(p.rs(), p.random_token(43)), "random token");
       expect_refused(x, {.level = Level::kMust});
       expect_status(x, 401);
       expect_bearer_challenge(x, "invalid_token");
     }},

    {.id = "rs.challenge_syntax",
     .title = "Every Bearer challenge of the resource server is grammatical",
     .requirement = "All challenges defined by this specification MUST use the auth-scheme "
                    "value \"Bearer\"; the \"realm\" attribute MUST NOT appear more than once; "
                    "attribute values follow their character sets (RFC 6750 §3; RFC 9110 "
                    "§11.2, §11.6.1).",
     .refs = {{"RFC6750", "3"}, {"RFC9110", "11.2"}, {"RFC9110", "11.6.1"}},
     .level = Level::kMust,
     .needs = {Need::kRs},
     .after = {ids::kRsHeaderAccepted},
     .follows = {"rs.*", "scope.enforced_at_resource", "expiry.rejected_after"},
     .needs_facts = kAnyTokenSource,
     .sends = "GET <RS> without credentials and with a random token; then parses every "
              "challenge the resource server sent in the run (rs.*, scope, expiry cases)",
     .passes = "every WWW-Authenticate parses, Bearer challenges have attributes at most "
               "once in their charsets, every 401 carries one. FAIL: otherwise",
     .run = [](Probe& p) {
       p.send(rs_with_authorization(p, std::nullopt), "no credentials");
       p.send(p.resource_call(p.rs(), p.random_token(43)), "random token");
       for (const auto& [s, x] : challenged_replies(p)) {
         expect_challenge_syntax(x, {.id = "challenge_syntax" + s});
       }
     }},

    {.id = "rs.malformed_authorization",
     .title = "Malformed Bearer credentials: empty token, two tokens, a quote in the token",
     .requirement = "invalid_request: The request is missing a required parameter, includes "
                    "an unsupported parameter or parameter value, ... or is otherwise "
                    "malformed. The resource server SHOULD respond with the HTTP 400 (Bad "
                    "Request) status code (RFC 6750 §3.1; b64token syntax §2.1).",
     .refs = {{"RFC6750", "2.1"}, {"RFC6750", "3.1"}},
     .level = Level::kShould,
     .needs = {Need::kRs},
     .after = {ids::kRsHeaderAccepted},
     .needs_facts = kAnyTokenSource,
     .sends = "Authorization: \"Bearer \", \"Bearer a b\", \"Bearer a\\\"b\"",
     .passes = "400 invalid_request each. FAIL: 2xx or 5xx. WARN: 401 instead of 400",
     .run = [](Probe& p) {
       std::vector<std::pair<std::string, std::string>> variants = {
           {"Bearer ", "#empty"}, {"Bearer a b", "#two_tokens"}, {"Bearer a\"b", "#quote"}};
       for (const auto& [value, s] : variants) {
         auto x = p.send(rs_with_authorization(p, value), "Authorization: " + value);
         expect_refused(x, {.id = "refused" + s, .level = Level::kMust});
         expect_no_server_error(x, {.id = "no_server_error" + s, .level = Level::kMust});
         expect_status(x, 400, {.id = "status" + s});
         expect_bearer_challenge(x, "invalid_request", {.id = "bearer_challenge" + s});
       }
     }},

    {.id = "rs.form_body",
     .title = "Token in a form-encoded POST body; the same body on a GET",
     .requirement = "When sending the access token in the HTTP request entity-body, the "
                    "client adds the access token to the request-body using the "
                    "\"access_token\" parameter; resource servers MAY support this method. "
                    "The HTTP request method is one for which the request-body has defined "
                    "semantics; in particular, this means that the \"GET\" method MUST NOT be "
                    "used (RFC 6750 §2.2).",
     .refs = {{"RFC6750", "2.2"}},
     .level = Level::kMay,
     .needs = {Need::kRs},
     .after = {ids::kRsHeaderAccepted},
     .needs_facts = kAnyTokenSource,
     .sends = "(a) POST to the first POST resource (else <RS>) with body access_token=<AT>; "
              "(b) GET <RS> with the same body",
     .passes = "(a) PASS (note) supported (2xx, or 403 for lack of scope) or not; (b) not "
               "authenticated. WARN: (b) accepted. (b) is skipped when (a) is unsupported",
     .run = [](Probe& p) {
       Grant g = p.obtain_grant();
       auto a = p.send(form_post(p, g.access_token), "(a) POST, access_token in the body");
       bool supported = token_recognised(a);
       p.note(supported ? "form-body tokens are supported"
                        : "form-body tokens are not supported");
       if (!supported) return;
       HttpRequest b = p.resource_call(p.rs(), g.access_token, BearerIn::kFormBody);
       b.method = "GET";
       auto x = p.send(b, "(b) GET, access_token in the body");
       expect_refused(x, {.id = "get_body_refused", .level = Level::kShould});
     }},

    {.id = "rs.query_param",
     .title = "Token in the URI query: access_token=<AT>",
     .requirement = "Resource servers MAY support the URI query parameter method (RFC 6750 "
                    "§2.3), which SHOULD carry Cache-Control: private in a successful "
                    "response; access tokens MUST NOT be sent in the URI query parameter "
                    "(RFC 9700 §4.3.2).",
     .refs = {{"RFC6750", "2.3"}, {"RFC9700", "4.3.2"}},
     .level = Level::kBcp,
     .needs = {Need::kRs},
     .after = {ids::kRsHeaderAccepted},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; GET <RS>?access_token=<AT>",
     .passes = "refused, or (rfc) accepted with Cache-Control: private. WARN: accepted (FAIL "
               "under bcp); accepted without Cache-Control: private",
     .run = [](Probe& p) {
       Grant g = p.obtain_grant();
       auto x = p.send(p.resource_call(p.rs(), g.access_token, BearerIn::kQuery),
                       "access_token in the query");
       if (expect_refused(x)) return;
       expect_cache_control_private(x, {.level = Level::kShould});
     }},

    {.id = "rs.multiple_methods",
     .title = "Two tokens in two places: header + query, header + form body",
     .requirement = "Clients MUST NOT use more than one method to transmit the token in each "
                    "request (RFC 6750 §2); invalid_request covers a request that uses more "
                    "than one method (§3.1). A server that serves it tolerates the violation.",
     .refs = {{"RFC6750", "2"}, {"RFC6750", "3.1"}},
     .level = Level::kTolerance,
     .needs = {Need::kRs},
     .after = {ids::kRsHeaderAccepted},
     .needs_facts = kAnyTokenSource,
     .sends = "GET <RS>?access_token=<random> with Authorization: Bearer <AT>; POST <RS> "
              "with body access_token=<random> and Authorization: Bearer <AT>",
     .passes = "400 invalid_request each. WARN: 2xx (the server silently picked one)",
     .run = [](Probe& p) {
       Grant g = p.obtain_grant();
       HttpRequest q = p.resource_call(p.rs(), p.random_token(43), BearerIn::kQuery);
       HttpRequest b = p.resource_call(p.rs(), p.random_token(43), BearerIn::kFormBody);
       b.method = "POST";
       for (auto [req, s] :
            {std::pair{q, std::string("#query")}, std::pair{b, std::string("#body")}}) {
         req.headers.push_back({"Authorization", "Bearer " + g.access_token});
         auto x = p.send(req, "header and " + s.substr(1));
         expect_refused(x, {.id = "refused" + s});
         expect_status(x, 400, {.id = "status" + s, .level = Level::kMay});
       }
     }},

    {.id = "rs.refresh_token_rejected",
     .title = "Resource call with a refresh token as the Bearer token",
     .requirement = "Refresh tokens are intended for use only with authorization servers and "
                    "are never sent to resource servers (RFC 6749 §1.5); the resource server "
                    "MUST NOT accept one as an access token (§10.4).",
     .refs = {{"RFC6749", "1.5"}, {"RFC6749", "10.4"}},
     .level = Level::kMust,
     .needs = {Need::kRs},
     .after = {ids::kRsHeaderAccepted},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; GET <RS> with Authorization: Bearer <RT>",
     .passes = "401. FAIL: 2xx. WARN: another refusal. SKIP: no refresh token",
     .run = [](Probe& p) {
       Grant g = obtain_refresh_grant(p);
       auto x = p.send(p.resource_call(p.rs(), *g.refresh_token), "refresh token as Bearer");
       expect_refused(x);
       expect_status(x, 401, {.level = Level::kShould});
     }},
};

}  // namespace

void add_rs_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
