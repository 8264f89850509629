#include <cctype>

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


// S: the scope the profile requests (scopes.request).
std::string requested_scope(Probe& p) {
  if (p.profile().scope_request.empty()) {
    p.skip("the profile requests no scope (scopes.request is empty)");
  }
  return p.profile().scope_request;
}

// A value of scopes.supported that `scope` does not hold, if any.
std::optional<std::string> other_supported(Probe& p, std::string_view scope) {
  for (const auto& v : p.profile().scopes_supported) {
    if (!scope_contains(scope, v)) return v;
  }
  return std::nullopt;
}

// S with a second value added from scopes.supported when it has only one; SKIP when none.
std::string two_value_scope(Probe& p) {
  std::string s = requested_scope(p);
  if (split_scope(s).size() >= 2) return s;
  auto extra = other_supported(p, s);
  if (!extra)
    p.skip("needs two scope values: scopes.request has one and scopes.supported no other");
  return scope_with(s, *extra);
}

// A token asked for with this scope, the way the target issues them (password, code flow or
// client credentials): the token reply, or the authorization endpoint's error redirect.
HttpExchange grant_with_scope(Probe& p, const std::string& scope, std::string label) {
  return request_token(p, {.scope = scope}, std::move(label));
}

// When a token came back and [INTRO] is configured, the introspected scope must not hold value.
void cross_check_introspection(Probe& p, const HttpExchange& x, std::string_view value) {
  auto at = access_token_of(x);
  if (!at || !token_issued(x) || p.profile().introspection_url.empty()) return;
  auto i = p.send(p.introspect(*at, "access_token"), "introspection cross-check");
  if (auto s = introspected_scope(i)) {
    expect_scope_lacks(*s, value, {.id = "introspection_scope"});
  }
}

// scope.narrowing_reported, scope.unknown_value: the requested scope plus a value the client
// cannot get must be refused or reported as narrowed.
void expect_value_refused(Probe& p, const std::string& value) {
  std::string ask = scope_with(p.profile().scope_request, value);
  auto x = grant_with_scope(p, ask, "grant with scope \"" + ask + "\"");
  expect_scope_value_not_granted(x, value);
  if (!token_issued(x)) expect_error_code(x, "invalid_scope", {.level = Level::kShould});
  cross_check_introspection(p, x, value);
}

const Case kCases[] = {
    {.id = "scope.granted_as_requested",
     .title = "Password grant with scope S: scope absent or equal to S",
     .requirement = "The authorization server MUST include the scope response parameter to "
                    "inform the client of the actual scope granted if it differs from the "
                    "requested scope (RFC 6749 §3.3); scope OPTIONAL if identical to the "
                    "scope requested by the client (§5.1); grant no more than asked "
                    "(RFC 9700 §2.3, least privilege).",
     .refs = {{"RFC6749", "3.3"}, {"RFC6749", "5.1"}, {"RFC9700", "2.3"}},
     .level = Level::kMust,
     .needs_facts = kAnyTokenSource,
     .sends = "the standard request with scope S (scopes.request)",
     .passes = "200; scope absent or set-equal to S. FAIL: scope malformed. WARN: granted "
               "set wider than S",
     .run = [](Probe& p) {
       std::string s = requested_scope(p);
       auto x = grant_with_scope(p, s, "grant with scope \"" + s + "\"");
       require_token_issued(x);
       expect_scope_syntax(x);
       expect_scope_within(granted_scope(x, s).value_or(""), s,
                           {.id = "not_wider", .level = Level::kShould});
     }},

    {.id = "scope.narrowing_reported",
     .title = "Scope S plus a value the client may not obtain: refused or reported narrowed",
     .requirement = "If the issued access token scope is different from the one requested by "
                    "the client, the authorization server MUST include the \"scope\" response "
                    "parameter to inform the client of the actual scope granted "
                    "(RFC 6749 §3.3, §5.1).",
     .refs = {{"RFC6749", "3.3"}, {"RFC6749", "5.1"}},
     .level = Level::kMust,
     .needs = {Need::kDenyScope},
     .needs_facts = kAnyTokenSource,
     .sends = "the standard request with scope S plus scopes.denied",
     .passes = "400 invalid_scope, or 200 with a scope member without the denied value "
               "(cross-checked by introspection when configured). FAIL: 200 with scope "
               "omitted or listing the denied value",
     .run = [](Probe& p) { expect_value_refused(p, *p.profile().scope_denied); }},

    {.id = "scope.unknown_value",
     .title = "Scope S plus an undefined value: refused or reported without it",
     .requirement = "invalid_scope: The requested scope is invalid, unknown, or malformed "
                    "(RFC 6749 §5.2); a token whose scope differs from the request MUST "
                    "carry the scope parameter (§3.3).",
     .refs = {{"RFC6749", "3.3"}, {"RFC6749", "5.2"}},
     .level = Level::kMust,
     .needs_facts = kAnyTokenSource,
     .sends = "the standard request with scope S plus conformance.undefined",
     .passes = "400 invalid_scope, or 200 with a scope member without the unknown value. "
               "FAIL: 200 with scope omitted or containing it",
     .run = [](Probe& p) { expect_value_refused(p, "conformance.undefined"); }},

    {.id = "scope.order_insensitive",
     .title = "The same two scope values in both orders give the same grant",
     .requirement = "The value of the scope parameter is expressed as a list of "
                    "space-delimited, case-sensitive strings. ... If the value contains "
                    "multiple space-delimited strings, their order does not matter; the "
                    "server MUST treat both orders alike (RFC 6749 §3.3).",
     .refs = {{"RFC6749", "3.3"}},
     .level = Level::kMust,
     .needs_facts = kAnyTokenSource,
     .sends = "the standard request with scope \"a b\", then with \"b a\"",
     .passes = "both granted with the same effective set. FAIL: one order refused or a "
               "different grant. SKIP: neither order granted",
     .run = [](Probe& p) {
       auto v = split_scope(two_value_scope(p));
       std::string ab = v[0] + " " + v[1], ba = v[1] + " " + v[0];
       auto x = grant_with_scope(p, ab, "scope \"" + ab + "\"");
       auto y = grant_with_scope(p, ba, "scope \"" + ba + "\"");
       if (!token_issued(x) && !token_issued(y)) {
         p.skip("neither order was granted (" + describe(x) + "): the client cannot hold both");
       }
       expect_token_issued(x, {.id = "token_issued#ab"});
       expect_token_issued(y, {.id = "token_issued#ba"});
       expect_scope_equal(granted_scope(y, ba).value_or(""), granted_scope(x, ab).value_or(""));
     }},

    {.id = "scope.case_sensitive",
     .title = "An upper-cased variant of a valid scope value is not mapped onto it",
     .requirement = "The strings are case-sensitive (RFC 6749 §3.3, App. A.4): READ is not "
                    "read; the server MUST refuse it or report the scope it granted, and "
                    "SHOULD NOT silently map it onto the lower-case value.",
     .refs = {{"RFC6749", "3.3"}, {"RFC6749", "A.4"}},
     .level = Level::kMust,
     .needs_facts = kAnyTokenSource,
     .sends = "the standard request with the first value of S upper-cased (READ for read)",
     .passes = "invalid_scope, or a grant whose scope member lacks the upper-cased value. "
               "WARN: granted with scope omitted (silently mapped)",
     .run = [](Probe& p) {
       std::string value = split_scope(requested_scope(p)).front();
       std::string upper = value;
       for (auto& ch : upper)
         ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
       if (upper == value) p.skip("the first scope value has no lower-case letters");
       auto x = grant_with_scope(p, upper, "scope \"" + upper + "\"");
       expect_scope_value_not_granted(x, upper, {.level = Level::kShould});
       if (!token_issued(x)) expect_error_code(x, "invalid_scope", {.level = Level::kShould});
     }},

    {.id = "scope.enforced_at_resource",
     .title = "A token without scope R at a resource that requires R",
     .requirement = "insufficient_scope: The request requires higher privileges than provided "
                    "by the access token. The resource server SHOULD respond with the HTTP "
                    "403 (Forbidden) status code and MAY include the \"scope\" attribute "
                    "(RFC 6750 §3.1); it MUST NOT serve the request (RFC 9700 §2.3).",
     .refs = {{"RFC6750", "3.1"}, {"RFC9700", "2.3"}},
     .level = Level::kMust,
     .needs = {Need::kRsScope},
     .needs_facts = kAnyTokenSource,
     .sends = "for every resource with requires_scope R: a fresh token with a scope "
              "lacking R, then the resource call with it",
     .passes = "403 + WWW-Authenticate: Bearer error=\"insufficient_scope\". FAIL: 2xx. "
               "WARN: 401/400, or 403 without the challenge attribute",
     .run = [](Probe& p) {
       p.rs_scoped();
       int judged = 0;
       for (const auto& r : p.profile().resources) {
         if (!r.requires_scope) continue;
         auto lacking = other_supported(p, *r.requires_scope);
         if (!lacking) continue;
         Grant g = p.obtain_grant("primary", "primary", *lacking);
         if (scope_contains(g.scope.value_or(*lacking), *r.requires_scope)) continue;
         std::string s = "#" + r.name;
         auto x =
             p.send(p.resource_call(r, g.access_token), r.name + " with scope " + *lacking);
         expect_refused(x, {.id = "refused" + s});
         expect_status(x, 403, {.id = "status" + s, .level = Level::kShould});
         expect_bearer_challenge(x, "insufficient_scope",
                                 {.id = "bearer_challenge" + s, .level = Level::kShould});
         ++judged;
       }
       if (!judged) p.skip("no token lacking a resource's requires_scope could be obtained");
     }},

    {.id = "scope.refresh_cannot_widen",
     .title = "Refresh asking for more scope than originally granted",
     .requirement = "The requested scope MUST NOT include any scope not originally granted by "
                    "the resource owner (RFC 6749 §6); invalid_scope: the requested scope "
                    "exceeds the scope granted by the resource owner (§5.2).",
     .refs = {{"RFC6749", "6"}, {"RFC6749", "5.2"}},
     .level = Level::kMust,
     .after = {ids::kRefreshSuccess},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant with scope S; refresh with S plus another supported value",
     .passes = "400 invalid_scope. FAIL: the wider scope granted. WARN: 200 silently capped "
               "to the original",
     .run = [](Probe& p) {
       std::string s = requested_scope(p);
       auto wider = other_supported(p, s);
       if (!wider) p.skip("scopes.supported holds no value beyond scopes.request");
       Grant g = obtain_refresh_grant(p, s);
       std::string original = g.scope.value_or(s), ask = scope_with(original, *wider);
       auto x = p.send(p.refresh_grant(*g.refresh_token, "primary", ask),
                       "refresh asking for \"" + ask + "\"");
       if (token_issued(x)) expect_scope_within(granted_scope(x, ask).value_or(""), original);
       expect_status(x, 400, {.level = Level::kShould});
       expect_error_code(x, "invalid_scope", {.level = Level::kShould});
     }},

    {.id = "scope.refresh_narrowing",
     .title = "Refresh asking for a proper subset of the granted scope",
     .requirement = "scope OPTIONAL: The scope of the access request; the requested scope "
                    "MUST NOT include any scope not originally granted (RFC 6749 §6); a "
                    "narrower scope yields a token limited to it, reported per §5.1.",
     .refs = {{"RFC6749", "6"}, {"RFC6749", "5.1"}},
     .level = Level::kMust,
     .after = {ids::kRefreshSuccess},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant with two scope values; refresh asking for one of them",
     .passes = "200 whose scope (response, introspection) is the subset. FAIL: the new token "
               "still carries the full scope. WARN: narrowing refused",
     .run = [](Probe& p) {
       std::string full = two_value_scope(p);
       Grant g = obtain_refresh_grant(p, full);
       std::string original = g.scope.value_or(full);
       auto values = split_scope(original);
       if (values.size() < 2) p.skip("the grant holds one scope value: " + original);
       std::string subset = scope_without(original, values.back());
       auto x = p.send(p.refresh_grant(*g.refresh_token, "primary", subset),
                       "refresh asking for \"" + subset + "\"");
       expect_token_issued(x, {.level = Level::kShould});
       if (token_issued(x))
         expect_scope_lacks(granted_scope(x, subset).value_or(""), values.back());
       cross_check_introspection(p, x, values.back());
     }},
};

}  // namespace

void add_scope_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
