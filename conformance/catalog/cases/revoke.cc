#include <algorithm>
#include <cstdio>

#include "conformance/catalog/cases/cases.h"
#include "conformance/catalog/catalog.h"
#include "conformance/checks/caching.h"
#include "conformance/checks/challenge.h"
#include "conformance/checks/check.h"
#include "conformance/checks/entropy.h"
#include "conformance/checks/introspection.h"
#include "conformance/checks/json.h"
#include "conformance/checks/revocation.h"
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


std::string refresh_token_of(Probe& p, const Grant& g) {
  if (!g.refresh_token || g.refresh_token->empty()) {
    p.skip("no refresh token issued (RFC 6749 §5.1 makes it OPTIONAL)");
  }
  return *g.refresh_token;
}

// A revocation answered 200: the endpoint works (disco.metadata.capabilities_match compares it
// with the metadata).
void remember_endpoint(Probe& p, const HttpExchange& x) {
  if (x.response.status == 200) p.set_fact(facts::kEndpointRevocation, "works");
}

// Does the target still accept the access token? A call to the [RS] resource (2xx), else
// introspection (active:true).
bool access_token_accepted(Probe& p, const std::string& at, const std::string& label) {
  if (const auto* rs = p.profile().rs()) {
    auto x = p.send(p.resource_call(*rs, at), label + ": resource call with the access token");
    return x.response.status >= 200 && x.response.status < 300;
  }
  if (!p.profile().introspection_url.empty()) {
    auto x = p.send(p.introspect(at), label + ": introspection of the access token");
    auto j = parse_json_body(x.response);
    if (!j || !j->is_object()) return false;
    auto it = j->find("active");
    return it != j->end() && it->is_boolean() && it->get<bool>();
  }
  p.skip("needs [RS] or [INTRO] to see whether the access token still works");
}

void require_accepted_before(Probe& p, const std::string& at) {
  if (!access_token_accepted(p, at, "before revocation")) {
    p.error("the fresh access token was not accepted even before revocation");
  }
}

// Polls the access token about once a second until it is refused or timing.propagation_window_s
// has passed (RFC 7009 §2.1 propagation delay). Seconds until it was refused, or nullopt.
std::optional<double> poll_until_refused(Probe& p, const std::string& at) {
  const auto start = p.now();
  const auto deadline = start + std::chrono::seconds(p.profile().timing.propagation_window_s);
  for (int i = 1;; ++i) {
    if (!access_token_accepted(p, at, "after revocation, poll " + std::to_string(i))) {
      return std::chrono::duration<double>(p.now() - start).count();
    }
    if (p.now() >= deadline) return std::nullopt;
    p.wait_until(std::min(p.now() + std::chrono::seconds(1), deadline));
  }
}

// Polls until the access token is refused and judges how long that took.
void judge_propagation(Probe& p, const std::string& at) {
  auto took = poll_until_refused(p, at);
  expect_refused_within_window(took, p.profile().timing.propagation_window_s);
  if (took) {
    char buf[80];
    std::snprintf(buf, sizeof buf, "access token refused %.1f s after the revocation", *took);
    p.note(buf);
  }
}

// A refresh with the token: does it still work?
HttpExchange try_refresh(Probe& p, const std::string& rt, std::string label) {
  return p.send(p.refresh_grant(rt), std::move(label));
}

const Case kCases[] = {
    {.id = ids::kRevokeRefreshToken,
     .title = "Revoke a refresh token, then try to use it",
     .requirement = "Implementations MUST support the revocation of refresh tokens (RFC 7009 "
                    "§2); the token cannot be used again after the revocation (§2.1); the "
                    "server responds with HTTP status code 200 (§2.2).",
     .refs = {{"RFC7009", "2"}, {"RFC7009", "2.1"}, {"RFC7009", "2.2"}},
     .level = Level::kMust,
     .needs = {Need::kRevoke},
     .writes = {facts::kEndpointRevocation, facts::kIntrospectRevokedReply},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; POST revocation endpoint token=<RT>&token_type_hint="
              "refresh_token with client authentication; a refresh with the revoked RT; "
              "introspection of the RT when [INTRO]",
     .passes = "200; the refresh is refused with invalid_grant; introspection active:false. "
               "FAIL: non-200, or the RT still works",
     .run = [](Probe& p) {
       auto g = p.obtain_grant();
       auto rt = refresh_token_of(p, g);
       auto x = p.send(p.revoke(rt, "refresh_token"), "revoke the refresh token");
       expect_status(x, 200);
       remember_endpoint(p, x);
       auto r = try_refresh(p, rt, "refresh with the revoked refresh token");
       expect_no_token_issued(r, {.id = "refresh_token_dead"});
       expect_error_code(r, "invalid_grant");
       if (!p.profile().introspection_url.empty()) {
         auto i = p.send(p.introspect(rt, "refresh_token"), "introspect the revoked token");
         expect_introspection_active(i, false, {.id = "introspection_inactive"});
         p.publish(facts::kIntrospectRevokedReply, i);
       }
     }},

    {.id = "revoke.refresh_cascades",
     .title = "After revoking a refresh token, its access token stops working",
     .requirement = "If the particular token is a refresh token and the authorization server "
                    "supports the revocation of access tokens, then the authorization server "
                    "SHOULD also invalidate all access tokens based on the same authorization "
                    "grant (RFC 7009 §2.1).",
     .refs = {{"RFC7009", "2.1"}},
     .level = Level::kShould,
     .needs = {Need::kRevoke},
     // What it needs: a revoked refresh token is refused. A FAIL of revoke.refresh_token on
     // the refusal's format (or the revocation's status) must not hide this case's finding.
     .after = {std::string(ids::kRevokeRefreshToken) + "#refresh_token_dead"},
     .writes = {facts::kEndpointRevocation},
     .needs_facts = kAnyTokenSource,
     .time_delayed = true,
     .sends = "a fresh grant; its AT at the resource; revocation of its RT; the AT at the "
              "resource (or introspection) about once a second during "
              "timing.propagation_window_s",
     .passes = "the AT refused within the window. WARN: still accepted after the window",
     .run = [](Probe& p) {
       auto g = p.obtain_grant();
       auto rt = refresh_token_of(p, g);
       require_accepted_before(p, g.access_token);
       auto x = p.send(p.revoke(rt, "refresh_token"), "revoke the refresh token");
       remember_endpoint(p, x);
       require_status(x, 200, {.id = "revoked"});
       judge_propagation(p, g.access_token);
     }},

    {.id = "revoke.access_token",
     .title = "Revoke an access token, then use it at the resource",
     .requirement = "Implementations ... SHOULD support the revocation of access tokens (RFC "
                    "7009 §2); a server that does not answers unsupported_token_type "
                    "(§2.2.1).",
     .refs = {{"RFC7009", "2"}, {"RFC7009", "2.2.1"}},
     .level = Level::kShould,
     .needs = {Need::kRevoke},
     .writes = {facts::kEndpointRevocation},
     .needs_facts = kAnyTokenSource,
     .time_delayed = true,
     .sends = "a fresh grant; its AT at the resource; token=<AT>&token_type_hint=access_token "
              "to the revocation endpoint; the AT at the resource (or introspection) about "
              "once a second during timing.propagation_window_s",
     .passes = "200, then the AT refused within the window. WARN: unsupported_token_type, or "
               "still accepted after the window",
     .run = [](Probe& p) {
       auto g = p.obtain_grant();
       require_accepted_before(p, g.access_token);
       auto x = p.send(p.revoke(g.access_token, "access_token"), "revoke the access token");
       remember_endpoint(p, x);
       expect_token_type_supported(x);
       require_status(x, 200);
       judge_propagation(p, g.access_token);
     }},

    {.id = "revoke.invalid_token_200",
     .title = "Revoke a random string, then a token twice",
     .requirement = "The authorization server responds with HTTP status code 200 if the token "
                    "has been revoked successfully or if the client submitted an invalid "
                    "token; it MUST NOT answer an invalid token with an error (RFC 7009 §2.2).",
     .refs = {{"RFC7009", "2.2"}},
     .level = Level::kMust,
     .needs = {Need::kRevoke},
     .writes = {facts::kEndpointRevocation},
     .needs_facts = kAnyTokenSource,
     .sends = "token=<random 43 characters>; then a fresh RT (the AT when none) revoked twice",
     .passes = "200 each time. FAIL: 4xx or 5xx",
     .run = [](Probe& p) {
       auto a = p.send(p.revoke(p.random_token()), "revoke a random string");
       expect_status(a, 200, {.id = "status#random"});
       auto g = p.obtain_grant();
       bool rt = g.refresh_token && !g.refresh_token->empty();
       std::string token = rt ? *g.refresh_token : g.access_token;
       std::string hint = rt ? "refresh_token" : "access_token";
       auto first = p.send(p.revoke(token, hint), "revoke a fresh " + hint);
       remember_endpoint(p, first);
       auto again = p.send(p.revoke(token, hint), "revoke the same " + hint + " again");
       expect_status(again, 200, {.id = "status#already_revoked"});
     }},

    {.id = "revoke.hint_handling",
     .title = "Revoke refresh tokens with a wrong and with an unknown token_type_hint",
     .requirement = "If the server is unable to locate the token using the given hint, it "
                    "MUST extend its search across all of its supported token types (RFC 7009 "
                    "§2.1); an invalid token type hint value is ignored (§2.2).",
     .refs = {{"RFC7009", "2.1"}, {"RFC7009", "2.2"}},
     .level = Level::kMust,
     .needs = {Need::kRevoke},
     .writes = {facts::kEndpointRevocation},
     .needs_facts = kAnyTokenSource,
     .sends = "two fresh grants; RT 1 with token_type_hint=access_token; RT 2 with "
              "token_type_hint=conformance_bogus; a refresh with each",
     .passes = "200 twice and both RTs refused afterwards. FAIL: an error response, or an RT "
               "still works",
     .run = [](Probe& p) {
       auto rt1 = refresh_token_of(p, p.obtain_grant());
       auto rt2 = refresh_token_of(p, p.obtain_grant());
       for (const auto& [rt, hint, s] : {std::tuple{rt1, "access_token", "#wrong_hint"},
                                         std::tuple{rt2, "conformance_bogus", "#bogus_hint"}}) {
         auto x = p.send(p.revoke(rt, std::string(hint)),
                         std::string("revoke a refresh token, token_type_hint=") + hint);
         remember_endpoint(p, x);
         expect_status(x, 200, {.id = std::string("status") + s});
         auto r = try_refresh(p, rt, std::string("refresh with the token revoked ") + s);
         expect_no_token_issued(r, {.id = std::string("refresh_token_dead") + s});
       }
     }},

    {.id = "revoke.requires_client_auth",
     .title = "Revoke a refresh token without client authentication",
     .requirement = "The client also includes its authentication credentials as described in "
                    "Section 2.3 of RFC 6749; the authorization server first validates the "
                    "client credentials (in case of a confidential client) and MUST refuse "
                    "the request if this validation fails (RFC 7009 §2, §2.1).",
     .refs = {{"RFC7009", "2"}, {"RFC7009", "2.1"}, {"RFC6749", "2.3"}},
     .level = Level::kMust,
     .needs = {Need::kRevoke},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; token=<RT>&token_type_hint=refresh_token&client_id=<primary> "
              "without a secret or Authorization header; a refresh with the RT",
     .passes = "400/401 invalid_client and the RT still works. FAIL: the RT was revoked. "
               "WARN: 200 (or another error) while the RT stays valid",
     .run = [](Probe& p) {
       auto rt = refresh_token_of(p, p.obtain_grant());
       auto req = p.revoke(rt, "refresh_token");
       std::erase_if(req.headers, [](const Header& h) { return h.name == "Authorization"; });
       req.body = Form{{"token", rt},
                       {"token_type_hint", "refresh_token"},
                       {"client_id", p.client().id}}
                      .encode();
       auto x = p.send(req, "revoke without client authentication");
       expect_no_server_error(x);
       expect_status_in(x, {400, 401}, {.id = "refused", .level = Level::kShould});
       expect_error_code(x, "invalid_client", {.level = Level::kShould});
       auto r = try_refresh(p, rt, "refresh: does the refresh token still work?");
       expect_refresh_still_works(r);
     }},

    {.id = "revoke.other_clients_token",
     .title = "A second client tries to revoke the primary client's refresh token",
     .requirement = "The authorization server ... verifies whether the token was issued to the "
                    "client making the revocation request. If this validation fails, the "
                    "request is refused (RFC 7009 §2.1): the token MUST stay valid.",
     .refs = {{"RFC7009", "2.1"}},
     .level = Level::kMust,
     .needs = {Need::kRevoke, Need::kC2},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant for the primary client; token=<RT> revoked with clients.second's "
              "credentials; a refresh with the RT by the primary client",
     .passes = "an error response and the RT still works. FAIL: the RT was revoked. WARN: 200 "
               "while the RT stays valid",
     .run = [](Probe& p) {
       auto rt = refresh_token_of(p, p.obtain_grant());
       auto x = p.send(p.revoke(rt, "refresh_token", "second"),
                       "clients.second revokes the primary client's refresh token");
       expect_no_server_error(x);
       expect_client_error(x, {.id = "refused", .level = Level::kShould});
       auto r = try_refresh(p, rt, "refresh by the primary client: does it still work?");
       expect_refresh_still_works(r);
     }},
};

}  // namespace

void add_revoke_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
