#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "conformance/catalog/cases/cases.h"
#include "conformance/catalog/catalog.h"
#include "conformance/checks/caching.h"
#include "conformance/checks/challenge.h"
#include "conformance/checks/comparison.h"
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


// A username for probes that must not cost a real account a failed login: a made-up name. A
// server that evaluates credentials answers invalid_grant for it just as for a real user. (The
// primary user gets one wrong password per run, in password.error.wrong_password, which
// password.error.unknown_user reuses, so that brute-force protection never locks it, even over
// several runs a minute against the same server.)
std::string spare_username(Probe& p) { return "ock-nobody-" + p.random_token(10); }

// "a 4xx that is an error reply": not 2xx with a token, not 5xx.
void expect_refused_not_crashed(const HttpExchange& x, const std::string& suffix) {
  expect_no_token_issued(x, {.id = "no_token" + suffix});
  expect_client_error(x, {.id = "status_4xx" + suffix});
}

const Case kCases[] = {
    {.id = ids::kPasswordSuccess,
     .title = "Password grant with the standard request; again with charset=UTF-8",
     .requirement = "The client makes a request to the token endpoint by adding the following "
                    "parameters using the \"application/x-www-form-urlencoded\" format: "
                    "grant_type REQUIRED, username REQUIRED, password REQUIRED, scope "
                    "OPTIONAL. If the access token request is valid and authorized, the "
                    "authorization server issues an access token (RFC 6749 §4.3.2, §4.3.3).",
     .refs = {{"RFC6749", "4.3.2"}, {"RFC6749", "4.3.3"}, {"RFC6749", "5.1"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant},
     .writes = {facts::kEndpointToken, facts::kGrantPassword, facts::kPasswordReply,
                facts::kTokenReplies},
     .sends = "POST token endpoint, grant_type=password&username&password&scope, client "
              "authentication per the profile; then the same with "
              "Content-Type: application/x-www-form-urlencoded; charset=UTF-8",
     .passes = "200 with access_token and token_type (the F cases then judge it). FAIL: "
               "anything else (every dependent case is then SKIPped). WARN: only the charset "
               "variant fails",
     .run = [](Probe& p) {
       auto x = p.send(p.password_grant(), "standard password grant");
       require_token_issued(x);
       expect_token_type_present(x);
       p.publish(facts::kPasswordReply, x);
       p.add_token_reply("password", x);
       p.set_fact(facts::kGrantPassword, "works");
       p.set_fact(facts::kEndpointToken, "works");

       auto req = p.password_grant();
       for (auto& h : req.headers) {
         if (h.name == "Content-Type") h.value = "application/x-www-form-urlencoded; charset=UTF-8";
       }
       auto v = p.send(req, "same request, Content-Type with ; charset=UTF-8");
       expect_token_issued(v, {.id = "charset_variant", .level = Level::kShould});
     }},

    {.id = "password.success.no_scope",
     .title = "Password grant without the scope parameter",
     .requirement = "If the client omits the scope parameter when requesting authorization, "
                    "the authorization server MUST either process the request using a "
                    "pre-defined default value or fail the request indicating an invalid "
                    "scope (RFC 6749 §3.3).",
     .refs = {{"RFC6749", "3.3"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .sends = "the standard request without scope",
     .passes = "200 (the default scope is recorded) or 400 invalid_scope. FAIL: any other "
               "error or a 5xx",
     .run = [](Probe& p) {
       const auto& u = p.user();
       auto x = p.send(p.token_request(p.password_form(u, ""), p.client()), "no scope");
       expect_default_scope_outcome(x);
       if (auto t = parse_token_response(x.response); t && t->access_token) {
         p.note("default scope granted: " + t->scope.value_or("(scope member absent)"));
       }
     }},

    {.id = "password.success.empty_param",
     .title = "Password grant with an empty scope= parameter, compared with no scope",
     .requirement = "Parameters sent without a value MUST be treated as if they were omitted "
                    "from the request (RFC 6749 §3.2).",
     .refs = {{"RFC6749", "3.2"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .sends = "the standard request without scope, then with scope= (empty value)",
     .passes = "both requests end in the same outcome class (token issued / invalid_scope). "
               "FAIL: the outcomes differ",
     .run = [](Probe& p) {
       const auto& u = p.user();
       auto omitted = p.send(p.token_request(p.password_form(u, ""), p.client()), "no scope");
       auto form = p.password_form(u, "");
       form.add("scope", "");
       auto empty = p.send(p.token_request(form, p.client()), "scope= (empty)");
       expect_same_scope_outcome(empty, omitted);
       expect_no_server_error(empty);
     }},

    {.id = "password.success.unknown_param",
     .title = "Password grant with an extra, unrecognised parameter",
     .requirement = "The authorization server MUST ignore unrecognized request parameters "
                    "(RFC 6749 §3.2).",
     .refs = {{"RFC6749", "3.2"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .sends = "the standard request plus x_conformance_probe=1",
     .passes = "200 with a token. FAIL: rejected",
     .run = [](Probe& p) {
       auto form = p.password_form(p.user());
       form.add("x_conformance_probe", "1");
       auto x = p.send(p.token_request(form, p.client()), "extra parameter x_conformance_probe");
       expect_token_issued(x, {.id = "accepted"});
     }},

    {.id = "password.success.utf8_credentials",
     .title = "Password grant for a user whose password holds non-ASCII and & = + % ;",
     .requirement = "Values are first encoded using UTF-8 and then form-encoded; the "
                    "authorization server MUST validate the resource owner password "
                    "credentials (RFC 6749 App. B, §4.3.2).",
     .refs = {{"RFC6749", "B"}, {"RFC6749", "4.3.2"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant, Need::kUtf8},
     .after = {ids::kPasswordSuccess},
     .sends = "the standard request for users.utf8, UTF-8 then form-encoded",
     .passes = "200 with a token. FAIL: invalid_grant while the ASCII user succeeds",
     .run = [](Probe& p) {
       auto x = p.send(p.password_grant("utf8"), "password grant for the UTF-8 user");
       expect_token_issued(x, {.id = "accepted"});
     }},

    {.id = ids::kWrongPassword,
     .title = "Password grant with a wrong password for the primary user",
     .requirement = "invalid_grant: The provided authorization grant (e.g., ... resource "
                    "owner credentials) is invalid; the authorization server responds with "
                    "an HTTP 400 (Bad Request) status code and MUST include the error "
                    "parameter (RFC 6749 §5.2).",
     .refs = {{"RFC6749", "5.2"}, {"RFC6749", "4.3.2"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .writes = {facts::kWrongPasswordReply},
     .sends = "the standard request with a random (canary) password",
     .passes = "400 invalid_grant. FAIL: 2xx, another status, or another code",
     .run = [](Probe& p) {
       const auto& u = p.user();
       auto form = p.password_form(u);
       form.set("password", p.canary());
       auto x = p.send(p.token_request(form, p.client()), "wrong password");
       p.publish(facts::kWrongPasswordReply, x);
       expect_no_token_issued(x);
       expect_status(x, 400);
       expect_error_code(x, "invalid_grant");
     }},

    {.id = "password.error.unknown_user",
     .title = "Password grant for a user that does not exist, compared with a wrong password",
     .requirement = "The authorization server MUST respond with invalid_grant (RFC 6749 "
                    "§5.2); RFC 6819 §4.4.3.6 advises against replies that tell an attacker "
                    "whether a username exists.",
     .refs = {{"RFC6749", "5.2"}, {"RFC6819", "4.4.3.6"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .follows = {ids::kWrongPassword},
     .reads = {facts::kWrongPasswordReply},
     .sends = "3 password grants for random usernames, interleaved with 3 wrong passwords for "
              "users.second when the profile has one (else compared with the wrong-password "
              "reply of password.error.wrong_password)",
     .passes = "400 invalid_grant, indistinguishable from a wrong password (status, code, "
               "description, header names, median latency). FAIL: 2xx or another code. "
               "WARN: distinguishable",
     .run = [](Probe& p) {
       // Unknown-user samples interleave with wrong-password samples for users.second when
       // the profile has one (never the primary user: its wrong-password budget is
       // password.error.wrong_password's),
       // so that load from concurrent cases hits both sides alike.
       std::vector<HttpExchange> unknown;
       std::vector<HttpExchange> wrong;
       const UserCreds* second = p.profile().user("second");
       for (int i = 0; i < 3; ++i) {
         Form f{{"grant_type", "password"},
                {"username", "ock-nobody-" + p.random_token(12)},
                {"password", p.canary()}};
         if (!p.profile().scope_request.empty()) f.add("scope", p.profile().scope_request);
         unknown.push_back(p.send(p.token_request(f, p.client()),
                                  "unknown user, try " + std::to_string(i + 1)));
         if (second) {
           auto form = p.password_form(*second);
           form.set("password", p.canary());
           wrong.push_back(p.send(p.token_request(form, p.client()),
                                  "wrong password for users.second, try " + std::to_string(i + 1)));
         }
       }
       const auto& first = unknown.front();
       expect_no_token_issued(first);
       expect_status(first, 400);
       expect_error_code(first, "invalid_grant");

       // Without users.second the wrong-password sample is password.error.wrong_password's;
       // only when that case did not run
       // is one sent here.
       if (!wrong.empty()) {
       } else if (auto d1 = p.published(facts::kWrongPasswordReply)) {
         wrong.push_back(*d1);
       } else {
         auto form = p.password_form(p.user());
         form.set("password", p.canary());
         wrong.push_back(
             p.send(p.token_request(form, p.client()), "wrong password (reference)"));
       }
       const auto& ref = wrong.back();

       const char* reference = "a wrong password";
       expect_same_status(first, ref, reference, {.level = Level::kBcp});
       expect_same_error_code(first, ref, reference, {.level = Level::kBcp});
       expect_same_error_description(first, ref, reference, {.level = Level::kBcp});
       expect_same_header_names(first, ref, reference, {.level = Level::kBcp});
       expect_similar_latency(unknown, wrong, "unknown user", "wrong password",
                              {.level = Level::kAdvice});
       p.note(describe_latency(unknown, wrong, "unknown user", "wrong password"));
     }},

    {.id = "password.error.missing_param",
     .title = "Password grant without password, then without username",
     .requirement = "username REQUIRED, password REQUIRED (RFC 6749 §4.3.2); invalid_request: "
                    "The request is missing a required parameter (RFC 6749 §5.2). The server "
                    "MUST refuse it.",
     .refs = {{"RFC6749", "4.3.2"}, {"RFC6749", "5.2"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .sends = "grant_type=password&username=<made-up user> (no password); "
              "grant_type=password&password=<canary> (no username)",
     .passes = "400 invalid_request each. FAIL: 2xx or 5xx. WARN: another 4xx or code",
     .run = [](Probe& p) {
       Form no_password{{"grant_type", "password"}, {"username", spare_username(p)}};
       Form no_username{{"grant_type", "password"}, {"password", p.canary()}};
       for (auto* f : {&no_password, &no_username}) {
         if (!p.profile().scope_request.empty()) f->add("scope", p.profile().scope_request);
       }
       auto a = p.send(p.token_request(no_password, p.client()), "no password parameter");
       auto b = p.send(p.token_request(no_username, p.client()), "no username parameter");
       for (auto [x, s] : {std::pair{&a, std::string("#no_password")},
                           std::pair{&b, std::string("#no_username")}}) {
         expect_refused_not_crashed(*x, s);
         expect_status(*x, 400, {.id = "status" + s, .level = Level::kShould});
         expect_error_code(*x, "invalid_request",
                           {.id = "error_code" + s, .level = Level::kShould});
       }
     }},

    {.id = "password.error.duplicate_param",
     .title = "Password grant with the username parameter twice",
     .requirement = "Request and response parameters MUST NOT be included more than once "
                    "(RFC 6749 §3.2); a server that silently picks one value tolerates a "
                    "malformed request (invalid_request, §5.2).",
     .refs = {{"RFC6749", "3.2"}, {"RFC6749", "5.2"}},
     .level = Level::kTolerance,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .sends = "username=<primary user>&username=<made-up user> with the primary's password",
     .passes = "400 invalid_request. WARN: a token was issued (FAIL in strict)",
     .run = [](Probe& p) {
       const auto& u = p.user();
       Form f{{"grant_type", "password"},
              {"username", u.username},
              {"username", "ock-nobody-" + p.random_token(10)},
              {"password", u.password}};
       if (!p.profile().scope_request.empty()) f.add("scope", p.profile().scope_request);
       auto x = p.send(p.token_request(f, p.client()), "username twice");
       expect_no_token_issued(x);
       expect_status(x, 400);
       expect_error_code(x, "invalid_request");
     }},

    {.id = "password.error.unsupported_grant_type",
     .title = "Token request with an unknown grant_type",
     .requirement = "unsupported_grant_type: The authorization grant type is not supported by "
                    "the authorization server; the server MUST answer with this error "
                    "(RFC 6749 §5.2).",
     .refs = {{"RFC6749", "5.2"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .sends = "grant_type=urn:example:conformance:bogus with client authentication",
     .passes = "400 unsupported_grant_type. FAIL: 2xx or 5xx. WARN: another 4xx or code",
     .run = [](Probe& p) {
       Form f{{"grant_type", "urn:example:conformance:bogus"}};
       auto x = p.send(p.token_request(f, p.client()), "bogus grant_type");
       expect_refused_not_crashed(x, "");
       expect_status(x, 400, {.id = "status_400", .level = Level::kShould});
       expect_error_code(x, "unsupported_grant_type", {.level = Level::kShould});
     }},

    {.id = "password.error.client_not_allowed",
     .title = "Password grant by a client that is not allowed the password grant",
     .requirement = "unauthorized_client: The authenticated client is not authorized to use "
                    "this authorization grant type; the server MUST NOT issue a token "
                    "(RFC 6749 §5.2, §4.3.2).",
     .refs = {{"RFC6749", "5.2"}, {"RFC6749", "4.3.2"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant, Need::kNopw},
     .after = {ids::kPasswordSuccess},
     .sends = "the standard request with clients.no_password_grant",
     .passes = "400 unauthorized_client. FAIL: token issued. WARN: another 4xx or code",
     .run = [](Probe& p) {
       auto x = p.send(p.password_grant("primary", "no_password_grant"),
                       "password grant by a client without it");
       expect_no_token_issued(x);
       expect_no_server_error(x);
       expect_status(x, 400, {.level = Level::kShould});
       expect_error_code(x, "unauthorized_client", {.level = Level::kShould});
     }},

    {.id = "password.error.get_method",
     .title = "Password grant sent as GET with the parameters in the query",
     .requirement = "The client MUST use the HTTP \"POST\" method when making access token "
                    "requests (RFC 6749 §3.2); a server that evaluates credentials taken from "
                    "a URL tolerates the violation.",
     .refs = {{"RFC6749", "3.2"}},
     .level = Level::kTolerance,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .sends = "GET token endpoint?grant_type=password&username=<made-up user>&password=<canary> "
              "with client Basic authentication",
     .passes = "405, or 400 invalid_request without evaluating the credentials. WARN: "
               "invalid_grant (credentials read from the URL) or a token",
     .run = [](Probe& p) {
       Form q{{"grant_type", "password"}, {"username", spare_username(p)},
              {"password", p.canary()}};
       auto req = p.token_request(Form{}, p.client(), AuthMethod::kBasic);
       req.method = "GET";
       req.body.clear();
       std::erase_if(req.headers, [](const Header& h) { return h.name == "Content-Type"; });
       req.url = append_query(req.url, q.encode());
       auto x = p.send(req, "GET with credentials in the query");
       expect_no_token_issued(x);
       expect_credentials_not_evaluated(x);
       expect_method_refused(x);
     }},

    {.id = "password.error.credentials_in_query",
     .title = "Password grant with username and password only in the URL query",
     .requirement = "The client MUST NOT include credentials in the request URI (RFC 6749 "
                    "§3.2, §2.3.1); RFC 9700 §4.3.2 keeps secrets out of URLs.",
     .refs = {{"RFC6749", "3.2"}, {"RFC6749", "2.3.1"}, {"RFC9700", "4.3.2"}},
     .level = Level::kTolerance,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .sends = "POST token endpoint?username=<made-up user>&password=<canary>, body "
              "grant_type=password only",
     .passes = "400 invalid_request (query ignored, parameters missing). WARN: invalid_grant "
               "(credentials were read from the URL) or a token",
     .run = [](Probe& p) {
       Form q{{"username", spare_username(p)}, {"password", p.canary()}};
       auto req = p.token_request(Form{{"grant_type", "password"}}, p.client());
       req.url = append_query(req.url, q.encode());
       auto x = p.send(req, "credentials only in the query");
       expect_no_token_issued(x);
       expect_credentials_not_evaluated(x);
       expect_status(x, 400);
       expect_error_code(x, "invalid_request");
     }},

    {.id = "password.error.malformed_body",
     .title = "Malformed token requests: JSON body, 64 KiB username, %ZZ, embedded NUL",
     .requirement = "invalid_request: The request ... is otherwise malformed; the server "
                    "MUST answer with an error response, never a crash (RFC 6749 §5.2).",
     .refs = {{"RFC6749", "5.2"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .sends = "(a) JSON body with the primary's credentials; (b) a 64 KiB username; "
              "(c) username=%ZZ; (d) username with an embedded NUL (%00)",
     .passes = "a 4xx with a JSON error body each. FAIL: 5xx or a non-JSON error page. "
               "PASS (note): the JSON body was accepted",
     .run = [](Probe& p) {
       const auto& u = p.user();
       nlohmann::json j = {{"grant_type", "password"}, {"username", u.username},
                           {"password", u.password}};
       if (!p.profile().scope_request.empty()) j["scope"] = p.profile().scope_request;
       auto json_req = p.token_request(Form{}, p.client());
       for (auto& h : json_req.headers) {
         if (h.name == "Content-Type") h.value = "application/json";
       }
       json_req.body = j.dump();
       auto big = p.token_request(
           Form{{"grant_type", "password"}, {"username", std::string(64 * 1024, 'a')},
                {"password", p.canary()}},
           p.client());
       auto bad_escape = p.token_request(Form{}, p.client());
       bad_escape.body = "grant_type=password&username=%ZZ&password=" + p.canary();
       auto nul = p.token_request(Form{}, p.client());
       nul.body = "grant_type=password&username=ock%00nobody&password=" + p.canary();

       struct Probe1 {
         HttpRequest req;
         const char* label;
         const char* suffix;
       };
       for (const auto& [req, label, suffix] :
            {Probe1{json_req, "JSON body", "#json"}, Probe1{big, "64 KiB username", "#64k"},
             Probe1{bad_escape, "username=%ZZ", "#bad_escape"},
             Probe1{nul, "username with %00", "#nul"}}) {
         auto x = p.send(req, label);
         std::string s = suffix;
         if (s == "#json" && token_issued(x)) {
           p.note("a JSON request body was accepted (RFC 6749 requires form encoding)");
           continue;
         }
         expect_no_server_error(x, {.id = "no_server_error" + s});
         expect_client_error(x, {.id = "status_4xx" + s});
         expect_json_error_body(x, {.id = "json_error_body" + s});
       }
     }},

    {.id = "password.not_offered.refused",
     .title = "A password grant to a target that does not offer it is refused as such",
     .requirement = "unsupported_grant_type: The authorization grant type is not supported by "
                    "the authorization server; unauthorized_client: The authenticated client is "
                    "not authorized to use this authorization grant type (RFC 6749 §5.2). The "
                    "resource owner password credentials grant MUST NOT be used (RFC 9700 §2.4): "
                    "a server that leaves it out MUST refuse it, and issue no token.",
     .refs = {{"RFC6749", "5.2"}, {"RFC9700", "2.4"}},
     .level = Level::kMust,
     .needs = {Need::kNoPasswordGrant},
     .sends = "grant_type=password with users.primary's real credentials (a made-up user and a "
              "canary password when the profile has no users), with the primary client's "
              "authentication",
     .passes = "no token, 400 unsupported_grant_type or unauthorized_client. FAIL: a token or "
               "a 5xx. WARN: refused with another status or code (invalid_grant for a made-up "
               "user means the credentials were evaluated: the grant is offered after all)",
     .run = [](Probe& p) {
       const UserCreds* u = p.profile().user("primary");
       Form f{{"grant_type", "password"},
              {"username", u ? u->username : spare_username(p)},
              {"password", u ? u->password : p.canary()}};
       auto x = p.send(p.token_request(f, p.client()),
                       "password grant, which the target does not offer");
       expect_no_token_issued(x);
       expect_no_server_error(x);
       expect_status(x, 400, {.level = Level::kShould});
       expect_error_code_in(x, {"unsupported_grant_type", "unauthorized_client"},
                            {.level = Level::kShould});
     }},
};

}  // namespace

void add_password_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
