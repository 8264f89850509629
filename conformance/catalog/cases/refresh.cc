#include <chrono>

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


// The refresh reply of a grant, with the rotated refresh token when there is one.
struct Rotation {
  HttpExchange reply;
  std::optional<std::string> new_refresh_token;  // set only when it differs from the old one
};

Rotation refresh_once(Probe& p, const Grant& g, std::string label) {
  Rotation r{p.send(p.refresh_grant(*g.refresh_token), std::move(label)), std::nullopt};
  if (auto rt = refresh_token_of(r.reply); rt && *rt != *g.refresh_token) r.new_refresh_token = rt;
  return r;
}

// A refresh that rotated, for the reuse cases; SKIP when the server does not rotate.
Rotation rotated_refresh(Probe& p, const Grant& g) {
  Rotation r = refresh_once(p, g, "refresh (rotation expected)");
  require_token_issued(r.reply, {.level = Level::kMust});
  if (!r.new_refresh_token) p.skip("the server does not rotate refresh tokens");
  return r;
}

// Waits out the declared reuse grace window ([GRACE]) plus 2 s.
void wait_past_grace(Probe& p) {
  p.wait_until(p.now() + std::chrono::seconds(p.profile().timing.refresh_grace_s + 2));
}

std::string original_scope(Probe& p, const Grant& g) {
  return g.scope.value_or(p.profile().scope_request);
}

void send_all_or_error(Probe& p, std::vector<HttpRequest> reqs, std::string label,
                       std::vector<HttpExchange>& out) {
  for (auto& r : p.send_concurrently(reqs, std::move(label))) {
    if (!r) p.error("transport failure during concurrent refreshes: " + r.error().message);
    out.push_back(std::move(r).value());
  }
}

const Case kCases[] = {
    {.id = ids::kRefreshSuccess,
     .title = "Refresh with a fresh grant's refresh token",
     .requirement = "If the authorization server issued a refresh token to the client, the "
                    "client makes a refresh request to the token endpoint ...; if valid and "
                    "authorized, the authorization server issues an access token as described "
                    "in Section 5.1 (RFC 6749 §6). The server MUST honour it.",
     .refs = {{"RFC6749", "6"}, {"RFC6749", "5.1"}},
     .level = Level::kMust,
     .writes = {facts::kGrantRefreshToken, facts::kRefreshReply, facts::kTokenReplies},
     .needs_facts = kAnyTokenSource,
     .sends = "grant_type=refresh_token&refresh_token=<RT of a fresh grant> + client "
              "authentication",
     .passes = "200 with a new access token (the F cases judge it). FAIL: non-200. PASS "
               "(note): the new access token equals the old one",
     .run = [](Probe& p) {
       Grant g = obtain_refresh_grant(p);
       auto x = p.send(p.refresh_grant(*g.refresh_token), "refresh");
       p.set_fact(facts::kGrantRefreshToken, token_issued(x) ? "works" : "fails");
       require_token_issued(x);
       p.publish(facts::kRefreshReply, x);
       p.add_token_reply("refresh", x);
       if (access_token_of(x) == g.access_token)
         p.note("the new access token equals the old one");
     }},

    {.id = "refresh.requires_client_auth",
     .title = "Refresh naming the client by client_id only, without authenticating it",
     .requirement = "The authorization server MUST require client authentication for "
                    "confidential clients or for any client that was issued client "
                    "credentials (RFC 6749 §6).",
     .refs = {{"RFC6749", "6"}},
     .level = Level::kMust,
     .needs_facts = kAnyTokenSource,
     .sends = "grant_type=refresh_token&refresh_token=<RT>&client_id=<primary>, no secret, "
              "no Authorization header",
     .passes = "400/401 invalid_client. FAIL: tokens issued. WARN: another status or code",
     .run = [](Probe& p) {
       if (!p.client().secret) p.skip("the primary client has no secret (public client)");
       Grant g = obtain_refresh_grant(p);
       Form f{{"grant_type", "refresh_token"},
              {"refresh_token", *g.refresh_token},
              {"client_id", p.client().id}};
       auto x =
           p.send(p.token_request(f, p.client(), AuthMethod::kNone), "refresh, client_id only");
       expect_no_token_issued(x);
       expect_no_server_error(x);
       expect_status_in(x, {400, 401}, {.level = Level::kShould});
       expect_error_code(x, "invalid_client", {.level = Level::kShould});
     }},

    {.id = "refresh.bound_to_client",
     .title = "A second client presents the primary client's refresh token",
     .requirement = "The authorization server MUST ... validate the refresh token and ensure "
                    "that the refresh token was issued to the authenticated client "
                    "(RFC 6749 §6); refresh tokens are bound to the client (§10.4).",
     .refs = {{"RFC6749", "6"}, {"RFC6749", "10.4"}},
     .level = Level::kMust,
     .needs = {Need::kC2},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant of the primary client; refresh with its RT authenticated as "
              "clients.second",
     .passes = "400 invalid_grant. FAIL: 200. WARN: another 4xx or code",
     .run = [](Probe& p) {
       Grant g = obtain_refresh_grant(p);
       auto x = p.send(p.refresh_grant(*g.refresh_token, "second"),
                       "refresh with another client's refresh token");
       expect_no_token_issued(x);
       expect_status(x, 400, {.level = Level::kShould});
       expect_error_code(x, "invalid_grant", {.level = Level::kShould});
     }},

    {.id = "refresh.invalid_token",
     .title = "Refresh with a random, never-issued refresh token",
     .requirement = "invalid_grant: The provided authorization grant (e.g., ... refresh "
                    "token) is invalid, expired, revoked ...; the server MUST answer with "
                    "this error (RFC 6749 §5.2).",
     .refs = {{"RFC6749", "5.2"}},
     .level = Level::kMust,
     .needs_facts = kAnyTokenSource,
     .sends = "grant_type=refresh_token&refresh_token=<random 43 characters> + client "
              "authentication",
     .passes = "400 invalid_grant. FAIL: 2xx, another status or code",
     .run = [](Probe& p) {
       skip_unless_refresh_tokens(p);
       auto x = p.send(p.refresh_grant(p.random_token(43)), "refresh with a random token");
       expect_no_token_issued(x);
       expect_status(x, 400);
       expect_error_code(x, "invalid_grant");
     }},

    {.id = "refresh.scope_default",
     .title = "Refresh without scope keeps the originally granted scope",
     .requirement = "scope OPTIONAL ... If omitted is treated as equal to the scope "
                    "originally granted by the resource owner (RFC 6749 §6); the new token "
                    "MUST NOT exceed it.",
     .refs = {{"RFC6749", "6"}},
     .level = Level::kMust,
     .after = {ids::kRefreshSuccess},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; refresh without scope; introspection of the new token when "
              "configured",
     .passes = "granted scope equal to the original (response, introspection). FAIL: wider. "
               "WARN: narrower",
     .run = [](Probe& p) {
       Grant g = obtain_refresh_grant(p);
       std::string original = original_scope(p, g);
       auto x = p.send(p.refresh_grant(*g.refresh_token), "refresh without scope");
       require_token_issued(x);
       std::string granted = granted_scope(x, original).value_or("");
       expect_scope_within(granted, original, {.id = "not_wider"});
       expect_scope_covers(granted, original, {.id = "not_narrower", .level = Level::kShould});
       if (p.profile().introspection_url.empty()) return;
       auto i =
           p.send(p.introspect(*access_token_of(x), "access_token"), "introspect new token");
       if (auto s = introspected_scope(i))
         expect_scope_within(*s, original, {.id = "not_wider#introspection"});
     }},

    {.id = "refresh.rotation",
     .title = "Whether refresh tokens rotate; a rotated one works with identical scope",
     .requirement = "The authorization server MAY issue a new refresh token; if a new refresh "
                    "token is issued, the refresh token scope MUST be identical to that of the "
                    "refresh token included by the client in the request (RFC 6749 §6). "
                    "Refresh tokens for public clients MUST be sender-constrained or use "
                    "refresh token rotation (RFC 9700 §2.2.2).",
     .refs = {{"RFC6749", "6"}, {"RFC6749", "10.4"}, {"RFC9700", "2.2.2"}},
     .level = Level::kMay,
     .after = {ids::kRefreshSuccess},
     .needs_facts = kAnyTokenSource,
     .sends = "a fresh grant; refresh; when a new RT came back, one refresh with it; with "
              "clients.public the same for a public client",
     .passes = "PASS (note) rotates / does not rotate; a rotated RT works with identical "
               "scope. FAIL: rotated RT rejected or scope differs; [PUB]: no rotation and "
               "no sender constraint",
     .run = [](Probe& p) {
       Grant g = obtain_refresh_grant(p);
       Rotation r = refresh_once(p, g, "refresh");
       require_token_issued(r.reply, {.level = Level::kMust});
       p.note(r.new_refresh_token ? "the server rotates refresh tokens"
                                  : "the server does not rotate refresh tokens");
       if (r.new_refresh_token) {
         auto y = p.send(p.refresh_grant(*r.new_refresh_token), "refresh with the rotated RT");
         expect_token_issued(y, {.id = "rotated_accepted", .level = Level::kMust});
         expect_scope_equal(granted_scope(y, original_scope(p, g)).value_or(""),
                            original_scope(p, g),
                            {.id = "rotated_scope", .level = Level::kMust});
       }
       if (!p.profile().client("public")) return;
       auto pub = request_token(p, {.client_role = "public"}, "grant for the public client");
       auto pub_rt = refresh_token_of(pub);
       if (!token_issued(pub) || !pub_rt)
         return p.note("no refresh token for the public client");
       auto pr = p.send(p.refresh_grant(*pub_rt, "public"), "refresh, public client");
       if (!token_issued(pr))
         return p.note("refresh failed for the public client: " + describe(pr));
       expect_rotation_or_sender_constraint(pr, *pub_rt, {.level = Level::kMust});
     }},

    {.id = "refresh.rotation.old_rejected",
     .title = "After rotation and the grace window, the superseded refresh token is refused",
     .requirement = "The authorization server MAY revoke the old refresh token after issuing "
                    "a new refresh token to the client (RFC 6749 §6); with refresh token "
                    "rotation the authorization server invalidates the previous refresh token "
                    "(RFC 9700 §4.14.2).",
     .refs = {{"RFC9700", "4.14.2"}, {"RFC6749", "6"}},
     .level = Level::kBcp,
     .needs = {Need::kGrace},
     .after = {ids::kRefreshSuccess},
     .needs_facts = kAnyTokenSource,
     .time_delayed = true,
     .sends = "a fresh grant; refresh (rotation); wait timing.refresh_grace_s + 2 s; replay "
              "the old RT",
     .passes = "400 invalid_grant. WARN: the old RT still works (FAIL under bcp). SKIP: no "
               "rotation",
     .run = [](Probe& p) {
       Grant g = obtain_refresh_grant(p);
       rotated_refresh(p, g);
       wait_past_grace(p);
       auto y = p.send(p.refresh_grant(*g.refresh_token), "replay of the superseded RT");
       expect_no_token_issued(y);
       expect_error_code(y, "invalid_grant");
     }},

    {.id = "refresh.reuse_revokes_family",
     .title = "Replaying a superseded refresh token revokes the newest tokens of the grant",
     .requirement = "If a refresh token is compromised and subsequently used by both the "
                    "attacker and the legitimate client, one of them will present an "
                    "invalidated refresh token, which will inform the authorization server "
                    "of the breach; the server revokes the active refresh token "
                    "(RFC 9700 §4.14.2; RFC 6749 §10.4).",
     .refs = {{"RFC9700", "4.14.2"}, {"RFC6749", "10.4"}},
     .level = Level::kBcp,
     .needs = {Need::kGrace},
     .after = {ids::kRefreshSuccess},
     .needs_facts = kAnyTokenSource,
     .time_delayed = true,
     .sends = "a fresh grant; refresh (rotation); wait grace + 2 s; replay the old RT; the "
              "newest AT at the resource / introspection; then the newest RT",
     .passes = "newest RT -> invalid_grant; newest AT inactive (advice only). WARN: newest RT "
               "still usable (FAIL under bcp). SKIP: no rotation",
     .run = [](Probe& p) {
       Grant g = obtain_refresh_grant(p);
       Rotation r = rotated_refresh(p, g);
       wait_past_grace(p);
       p.send(p.refresh_grant(*g.refresh_token), "replay of the superseded RT");
       auto at = *access_token_of(r.reply);
       if (const auto* rs = p.profile().rs()) {
         auto x = p.send(p.resource_call(*rs, at), "newest access token at the resource");
         expect_refused(x, {.id = "newest_access_token_refused", .level = Level::kAdvice});
       }
       if (!p.profile().introspection_url.empty()) {
         auto i =
             p.send(p.introspect(at, "access_token"), "introspect the newest access token");
         expect_introspection_active(
             i, false, {.id = "newest_access_token_inactive", .level = Level::kAdvice});
       }
       auto y = p.send(p.refresh_grant(*r.new_refresh_token), "the newest RT after the replay");
       expect_no_token_issued(y, {.id = "newest_refresh_token_rejected"});
       expect_error_code(y, "invalid_grant");
     }},

    {.id = "refresh.concurrent_use",
     .title = "Two simultaneous refreshes with the same refresh token, three rounds",
     .requirement = "Refresh token rotation: every refresh token is usable once; a second use "
                    "is a replay the authorization server detects (RFC 9700 §4.14.2), unless "
                    "it falls within a declared grace window after which the lineages "
                    "collapse.",
     .refs = {{"RFC9700", "4.14.2"}},
     .level = Level::kBcp,
     .needs = {Need::kGrace},
     .after = {ids::kRefreshSuccess},
     .needs_facts = kAnyTokenSource,
     .time_delayed = true,
     .sends = "3 rounds: a fresh grant, then two refreshes with its RT at the same time; "
              "with a grace window, both new RTs once more after grace + 2 s",
     .passes = "at most one success per round, or both inside the grace and at most one "
               "lineage alive afterwards. WARN: two live lineages outside the grace",
     .run = [](Probe& p) {
       for (int round = 1; round <= 3; ++round) {
         std::string s = "#round" + std::to_string(round);
         Grant g = obtain_refresh_grant(p);
         auto req = p.refresh_grant(*g.refresh_token);
         std::vector<HttpExchange> replies;
         send_all_or_error(p, {req, req}, "round " + std::to_string(round), replies);
         std::vector<std::string> lineages;
         for (const auto& x : replies) {
           if (auto rt = refresh_token_of(x); token_issued(x) && rt && *rt != *g.refresh_token)
             lineages.push_back(*rt);
         }
         bool both = token_issued(replies[0]) && token_issued(replies[1]);
         if (both && lineages.empty()) {
           p.note("no rotation: the refresh token stays valid, concurrent use is expected");
           continue;
         }
         if (lineages.size() < 2 || p.profile().timing.refresh_grace_s == 0) {
           expect_at_most_one_token(replies, {.id = "one_success" + s});
           continue;
         }
         wait_past_grace(p);
         std::vector<HttpExchange> later;
         for (const auto& rt : lineages)
           later.push_back(p.send(p.refresh_grant(rt), "lineage"));
         expect_at_most_one_token(later, {.id = "lineages_collapse" + s});
       }
     }},
};

}  // namespace

void add_refresh_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
