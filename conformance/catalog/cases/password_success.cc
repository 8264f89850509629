#include "conformance/catalog/catalog.h"
#include "conformance/catalog/cases/cases.h"
#include "conformance/catalog/checks.h"
#include "conformance/catalog/probe.h"

namespace ock::conformance::catalog {
namespace {

constexpr const char* kC1 = "password.success.basic";

// 200 with a token, or 400 invalid_scope: the outcome classes RFC 6749 §3.3 allows for a
// request without a scope.
std::string scope_outcome(const HttpExchange& x) {
  if (x.response.status == 200 && token_issued(x)) return "token issued";
  auto t = parse_token_response(x.response);
  if (x.response.status == 400 && t && t->error == "invalid_scope") return "invalid_scope";
  return "other (" + describe(x) + ")";
}

}  // namespace

void add_password_success_cases(Catalog& c) {
  c.add({.id = kC1,
         .title = "Password grant with the standard request; again with charset=UTF-8",
         .requirement = "The client makes a request to the token endpoint by adding the following "
                        "parameters using the \"application/x-www-form-urlencoded\" format: "
                        "grant_type REQUIRED, username REQUIRED, password REQUIRED, scope "
                        "OPTIONAL. If the access token request is valid and authorized, the "
                        "authorization server issues an access token (RFC 6749 §4.3.2, §4.3.3).",
         .refs = {{"RFC6749", "4.3.2"}, {"RFC6749", "4.3.3"}, {"RFC6749", "5.1"}},
         .level = Level::kMust,
         .sends = "POST token endpoint, grant_type=password&username&password&scope, client "
                  "authentication per the profile; then the same with "
                  "Content-Type: application/x-www-form-urlencoded; charset=UTF-8",
         .passes = "200 with access_token and token_type (the F cases then judge it). FAIL: "
                   "anything else (every dependent case is then SKIPped). WARN: only the charset "
                   "variant fails",
         .run = [](Probe& p) {
           auto x = p.send(p.password_grant(), "standard password grant");
           require_token_issued(x);
           auto t = parse_token_response(x.response);
           expect(t && t->token_type.has_value(), {.id = "token_type_present"},
                  "a token_type member", t && t->token_type ? *t->token_type : "absent");
           p.shared().publish(kC1, x);
           p.shared().add_token_response(kC1, "password", x);
           p.shared().set_fact("grant.password", "works");

           auto req = p.password_grant();
           for (auto& h : req.headers) {
             if (h.name == "Content-Type") h.value = "application/x-www-form-urlencoded; charset=UTF-8";
           }
           auto v = p.send(req, "same request, Content-Type with ; charset=UTF-8");
           expect(v.response.status == 200 && token_issued(v),
                  {.id = "charset_variant", .level = Level::kShould}, "200 with an access_token",
                  describe(v));
         }});

  c.add({.id = "password.success.no_scope",
         .title = "Password grant without the scope parameter",
         .requirement = "If the client omits the scope parameter when requesting authorization, "
                        "the authorization server MUST either process the request using a "
                        "pre-defined default value or fail the request indicating an invalid "
                        "scope (RFC 6749 §3.3).",
         .refs = {{"RFC6749", "3.3"}},
         .level = Level::kMust,
         .after = {kC1},
         .sends = "the standard request without scope",
         .passes = "200 (the default scope is recorded) or 400 invalid_scope. FAIL: any other "
                   "error or a 5xx",
         .run = [](Probe& p) {
           const auto& u = p.user();
           auto x = p.send(p.token_request(p.password_form(u, ""), p.client()), "no scope");
           auto outcome = scope_outcome(x);
           expect(outcome == "token issued" || outcome == "invalid_scope", {.id = "outcome"},
                  "200 with a token, or 400 invalid_scope", outcome);
           if (auto t = parse_token_response(x.response); t && t->access_token) {
             p.note("default scope granted: " + t->scope.value_or("(scope member absent)"));
           }
         }});

  c.add({.id = "password.success.empty_param",
         .title = "Password grant with an empty scope= parameter, compared with no scope",
         .requirement = "Parameters sent without a value MUST be treated as if they were omitted "
                        "from the request (RFC 6749 §3.2).",
         .refs = {{"RFC6749", "3.2"}},
         .level = Level::kMust,
         .after = {kC1},
         .sends = "the standard request without scope, then with scope= (empty value)",
         .passes = "both requests end in the same outcome class (token issued / invalid_scope). "
                   "FAIL: the outcomes differ",
         .run = [](Probe& p) {
           const auto& u = p.user();
           auto omitted = p.send(p.token_request(p.password_form(u, ""), p.client()), "no scope");
           auto form = p.password_form(u, "");
           form.add("scope", "");
           auto empty = p.send(p.token_request(form, p.client()), "scope= (empty)");
           expect(scope_outcome(empty) == scope_outcome(omitted), {.id = "same_outcome"},
                  "same outcome as without scope: " + scope_outcome(omitted),
                  scope_outcome(empty));
           expect_no_server_error(empty);
         }});

  c.add({.id = "password.success.unknown_param",
         .title = "Password grant with an extra, unrecognised parameter",
         .requirement = "The authorization server MUST ignore unrecognized request parameters "
                        "(RFC 6749 §3.2).",
         .refs = {{"RFC6749", "3.2"}},
         .level = Level::kMust,
         .after = {kC1},
         .sends = "the standard request plus x_conformance_probe=1",
         .passes = "200 with a token. FAIL: rejected",
         .run = [](Probe& p) {
           auto form = p.password_form(p.user());
           form.add("x_conformance_probe", "1");
           auto x = p.send(p.token_request(form, p.client()), "extra parameter x_conformance_probe");
           expect(x.response.status == 200 && token_issued(x), {.id = "accepted"},
                  "200 with an access_token", describe(x));
         }});

  c.add({.id = "password.success.utf8_credentials",
         .title = "Password grant for a user whose password holds non-ASCII and & = + % ;",
         .requirement = "Values are first encoded using UTF-8 and then form-encoded; the "
                        "authorization server MUST validate the resource owner password "
                        "credentials (RFC 6749 App. B, §4.3.2).",
         .refs = {{"RFC6749", "B"}, {"RFC6749", "4.3.2"}},
         .level = Level::kMust,
         .needs = {Need::kUtf8},
         .after = {kC1},
         .sends = "the standard request for users.utf8, UTF-8 then form-encoded",
         .passes = "200 with a token. FAIL: invalid_grant while the ASCII user succeeds",
         .run = [](Probe& p) {
           auto x = p.send(p.password_grant("utf8"), "password grant for the UTF-8 user");
           expect(x.response.status == 200 && token_issued(x), {.id = "accepted"},
                  "200 with an access_token", describe(x));
         }});
}

}  // namespace ock::conformance::catalog
