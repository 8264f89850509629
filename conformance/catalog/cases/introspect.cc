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


// An introspection call with caller authentication replaced: none at all, or a wrong secret.
HttpRequest introspect_as(Probe& p, const std::string& token, std::optional<std::string> secret) {
  auto req = p.introspect(token);
  std::erase_if(req.headers, [](const Header& h) { return h.name == "Authorization"; });
  req.body = Form{{"token", token}}.encode();
  if (secret) req.headers.push_back({"Authorization", basic_authorization(p.client().id, *secret)});
  return req;
}

const Case kCases[] = {
    {.id = ids::kIntrospectActive,
     .title = "Introspect a fresh access token",
     .requirement = "The authorization server responds with a JSON object in "
                    "\"application/json\" format; active REQUIRED: whether or not the "
                    "presented token is currently active; the server MUST answer true for a "
                    "valid token (RFC 7662 §2.1, §2.2).",
     .refs = {{"RFC7662", "2.1"}, {"RFC7662", "2.2"}},
     .level = Level::kMust,
     .needs = {Need::kIntro},
     .writes = {facts::kEndpointIntrospection, facts::kIntrospectActiveGrant,
                facts::kIntrospectActiveReply, facts::kIntrospectIssuedAt},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; POST introspection endpoint token=<AT> with the primary "
              "client's credentials",
     .passes = "200, application/json, \"active\":true. FAIL: otherwise",
     .run = [](Probe& p) {
       auto g = p.obtain_grant();
       auto x = p.send(p.introspect(g.access_token), "introspect a fresh access token");
       expect_status(x, 200);
       expect_json_content_type(x);
       if (expect_introspection_active(x, true)) {
         p.set_fact(facts::kEndpointIntrospection, "works");
       }
       p.publish(facts::kIntrospectActiveReply, x);
       p.publish(facts::kIntrospectActiveGrant, g.exchange);
       p.set_fact(facts::kIntrospectIssuedAt, std::to_string(g.issued_at_unix));
     }},

    {.id = "introspect.claims",
     .title = "The introspection reply's members are typed and match the grant",
     .requirement = "scope, client_id, username OPTIONAL strings; exp, iat, nbf OPTIONAL "
                    "integer timestamps; a server that returns them MUST describe the "
                    "presented token (RFC 7662 §2.2).",
     .refs = {{"RFC7662", "2.2"}},
     .level = Level::kMust,
     .needs = {Need::kIntro},
     .after = {ids::kIntrospectActive},
     .reads = {facts::kIntrospectActiveGrant, facts::kIntrospectActiveReply,
               facts::kIntrospectIssuedAt},
     .sends = "nothing: reads introspect.active's reply and its grant",
     .passes = "scope = the granted scope, client_id = the primary client, username = the "
               "user (each when present), exp/iat/nbf integers, exp = issue time + "
               "expires_in within the leeway. FAIL: wrong types, or client_id/scope "
               "contradicting the grant. WARN: exp missing or off, username differs",
     .run = [](Probe& p) {
       auto x = p.published(facts::kIntrospectActiveReply);
       auto grant = p.published(facts::kIntrospectActiveGrant);
       if (!x || !grant) p.skip("introspect.active published no reply");
       auto t = parse_token_response(grant->response);
       std::string granted = t && t->scope ? *t->scope : p.profile().scope_request;
       for (const char* m : {"exp", "iat", "nbf"}) expect_integer_member_if_present(*x, m);
       for (const char* m : {"scope", "client_id", "username", "token_type", "sub"}) {
         expect_string_member_if_present(*x, m);
       }
       if (!granted.empty()) expect_scope_set_if_present(*x, granted);
       expect_member_equals_if_present(*x, "client_id", p.client().id);
       if (const auto* u = p.profile().user("primary")) {
         expect_member_equals_if_present(*x, "username", u->username, {.level = Level::kShould});
       }
       auto issued = p.fact(facts::kIntrospectIssuedAt);
       if (t && t->expires_in && issued) {
         expect_exp_near(*x, std::stoll(*issued) + *t->expires_in, p.profile().timing.leeway_s,
                         {.level = Level::kShould});
       } else {
         p.note("the token response had no expires_in: exp not compared");
       }
     }},

    {.id = ids::kIntrospectUnknownInactive,
     .title = "Introspect a random string",
     .requirement = "If the introspection call is properly authorized but the token is not "
                    "active, does not exist on this server, or the protected resource is not "
                    "allowed to introspect this particular token, then the authorization "
                    "server MUST return an introspection response with the \"active\" field "
                    "set to \"false\" (RFC 7662 §2.2, §2.3).",
     .refs = {{"RFC7662", "2.2"}, {"RFC7662", "2.3"}},
     .level = Level::kMust,
     .needs = {Need::kIntro},
     .writes = {facts::kIntrospectUnknownReply},
     .needs_facts = kAnyTokenSource,
     .sends = "token=<random 43 characters> with the primary client's credentials",
     .passes = "200 {\"active\":false}. FAIL: 4xx/5xx or active:true",
     .run = [](Probe& p) {
       auto x = p.send(p.introspect(p.random_token()), "introspect a random string");
       expect_status(x, 200);
       expect_introspection_active(x, false);
       p.publish(facts::kIntrospectUnknownReply, x);
     }},

    {.id = "introspect.inactive_minimal",
     .title = "Replies for inactive tokens carry nothing but active:false",
     .requirement = "If the token is not active, the authorization server SHOULD NOT include "
                    "any additional information about an inactive token, including why the "
                    "token is inactive (RFC 7662 §2.2).",
     .refs = {{"RFC7662", "2.2"}},
     .level = Level::kShould,
     .needs = {Need::kIntro},
     .follows = {ids::kIntrospectUnknownInactive, "revoke.*", "expiry.*"},
     .reads = {facts::kIntrospectExpiredReply, facts::kIntrospectRevokedReply,
               facts::kIntrospectUnknownReply},
     .needs_facts = kAnyTokenSource,
     .sends = "nothing when introspect.unknown_inactive or revoke.refresh_token published "
              "their replies; else token=<random string>",
     .passes = "only the active member. WARN: other members present",
     .run = [](Probe& p) {
       std::vector<std::pair<std::string, HttpExchange>> seen;
       for (auto [key, s] : {std::pair{facts::kIntrospectUnknownReply, "#unknown"},
                             std::pair{facts::kIntrospectRevokedReply, "#revoked"},
                             std::pair{facts::kIntrospectExpiredReply, "#expired"}}) {
         if (auto x = p.published(key)) seen.emplace_back(s, *x);
       }
       if (seen.empty()) {
         seen.emplace_back(
             "#unknown", p.send(p.introspect(p.random_token()), "introspect a random string"));
       }
       for (const auto& [s, x] : seen) {
         if (!introspection_active(x)) expect_only_active_member(x, {.id = "inactive_minimal" + s});
       }
     }},

    {.id = "introspect.requires_authorization",
     .title = "Introspect a live token without caller authentication, then with a wrong "
              "secret",
     .requirement = "To prevent token scanning attacks, the endpoint MUST also require some "
                    "form of authorization to access this endpoint (RFC 7662 §2.1); invalid "
                    "credentials are answered with HTTP 401 (§2.3).",
     .refs = {{"RFC7662", "2.1"}, {"RFC7662", "2.3"}, {"RFC7662", "4"}},
     .level = Level::kMust,
     .needs = {Need::kIntro},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; (a) token=<AT> without any authentication; (b) token=<AT> with "
              "Basic credentials of the primary client id and a canary secret",
     .passes = "401 both. FAIL: active:true disclosed, or (b) answered 200. WARN: (a) 200 "
               "active:false or another refusal",
     .run = [](Probe& p) {
       auto g = p.obtain_grant();
       auto a = p.send(introspect_as(p, g.access_token, std::nullopt),
                       "(a) introspection without caller authentication");
       expect_no_disclosure(a, {.id = "no_disclosure#no_auth"});
       expect_status(a, 401, {.id = "status#no_auth", .level = Level::kShould});
       auto b = p.send(introspect_as(p, g.access_token, p.canary()),
                       "(b) introspection with a wrong caller secret");
       expect_no_disclosure(b, {.id = "no_disclosure#wrong_secret"});
       expect_status(b, 401, {.id = "status#wrong_secret"});
     }},

    {.id = "introspect.hint_fallback",
     .title = "Introspect an access token hinted as refresh_token, and the reverse",
     .requirement = "If the server is unable to locate the token using the given hint, it "
                    "MUST extend its search across all of its supported token types (RFC 7662 "
                    "§2.1).",
     .refs = {{"RFC7662", "2.1"}},
     .level = Level::kMust,
     .needs = {Need::kIntro},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; token=<AT>&token_type_hint=refresh_token; "
              "token=<RT>&token_type_hint=access_token",
     .passes = "the AT active:true; the RT's answer is recorded as a note (RT introspection "
               "is optional). FAIL: the AT reported inactive or an error",
     .run = [](Probe& p) {
       auto g = p.obtain_grant();
       auto a = p.send(p.introspect(g.access_token, "refresh_token"),
                       "introspect the access token with token_type_hint=refresh_token");
       expect_status(a, 200);
       expect_introspection_active(a, true);
       if (!g.refresh_token) return p.note("no refresh token issued: reverse hint not tried");
       auto r = p.send(p.introspect(*g.refresh_token, "access_token"),
                       "introspect the refresh token with token_type_hint=access_token");
       p.note(introspection_active(r) ? "refresh token with hint access_token: active:true"
                             : "refresh token with hint access_token: " + describe(r) +
                                   ", not active (RT introspection is optional)");
     }},

    {.id = "introspect.get_refused",
     .title = "Introspection by GET with the token in the query string discloses nothing",
     .requirement = "The protected resource calls the introspection endpoint using an HTTP POST "
                    "request with parameters sent as \"application/x-www-form-urlencoded\" data "
                    "(RFC 7662 §2.1); tokens MUST NOT be passed in page URLs, where logs and "
                    "Referer headers keep them (RFC 6750 §5.3, RFC 9700 §4.3.2).",
     .refs = {{"RFC7662", "2.1"}, {"RFC6750", "5.3"}, {"RFC9700", "4.3.2"}},
     .level = Level::kTolerance,
     .needs = {Need::kIntro},
     .after = {ids::kIntrospectActive},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; GET <introspection endpoint>?token=<AT> with the primary client's "
              "Basic authentication",
     .passes = "refused (405, 400, 401...) or at least no active:true. WARN: the token's data "
               "comes back for a GET (FAIL in strict)",
     .run = [](Probe& p) {
       auto g = p.obtain_grant();
       auto req = p.introspect(g.access_token);
       req.method = "GET";
       req.url = append_query(req.url, "token=" + form_encode(g.access_token));
       req.body.clear();
       std::erase_if(req.headers, [](const Header& h) { return h.name == "Content-Type"; });
       expect_no_disclosure(p.send(req, "introspection by GET, the token in the query"));
     }},
};

}  // namespace

void add_introspect_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
