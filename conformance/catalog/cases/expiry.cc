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

constexpr std::int64_t kOneHour = 3600;

// Issue time + expires_in + timing.leeway_s: when the token must be dead.
TimePoint expired_at(const Probe& p, const Grant& g) {
  return g.issued_at + std::chrono::seconds(*g.expires_in + p.profile().timing.leeway_s);
}

// The token reply of the case that established the token source, else a fresh one.
HttpExchange some_token_reply(Probe& p) {
  for (Fact source : kAnyTokenSource) {
    if (auto x = p.published(source); x && token_issued(*x)) return *x;
  }
  return p.obtain_grant().exchange;
}

const Case kCases[] = {
    {.id = "expiry.lifetime_short",
     .title = "The access token lifetime (expires_in) is one hour or less",
     .requirement = "Token lifetime SHOULD be kept to one hour or less: bearer tokens SHOULD "
                    "have a short lifetime (RFC 6750 §5.3; RFC 6819 §5.1.5.3).",
     .refs = {{"RFC6750", "5.3"}, {"RFC6819", "5.1.5.3"}},
     .level = Level::kShould,
     .needs_facts = kAnyTokenSource,
     .sends = "nothing new: reads expires_in of password.success.basic (else of a fresh "
              "grant)",
     .passes = "expires_in <= 3600. WARN: longer, or unknown (no expires_in)",
     .run = [](Probe& p) { expect_expires_in_at_most(some_token_reply(p), kOneHour); }},

    {.id = "expiry.rejected_after",
     .title = "A short-lived access token is refused once expires_in (+ leeway) has passed",
     .requirement = "expires_in: The lifetime in seconds of the access token (RFC 6749 §5.1); "
                    "invalid_token covers an expired token and the resource SHOULD respond "
                    "with 401 (RFC 6750 §3.1); the resource server MUST NOT accept it after "
                    "its declared lifetime.",
     .refs = {{"RFC6749", "5.1"}, {"RFC6750", "3.1"}},
     .level = Level::kMust,
     .needs = {Need::kShort, Need::kRs},
     .after = {ids::kRsHeaderAccepted},
     .needs_facts = kAnyTokenSource,
     .time_delayed = true,
     .sends = "a fresh grant of clients.short_lived; <RS> at issue time; <RS> again at issue "
              "time + expires_in + leeway",
     .passes = "401 with error=\"invalid_token\". FAIL: 2xx. WARN: another refusal. SKIP: "
               "expires_in > max_wait",
     .run = [](Probe& p) {
       Grant g = obtain_short_grant(p);
       auto first = p.send(p.resource_call(p.rs(), g.access_token), "at issue time");
       if (!token_issued(g.exchange) || first.response.status / 100 != 2) {
         p.skip("the fresh token was refused at issue time (see expiry.valid_before)");
       }
       p.wait_until(expired_at(p, g));
       auto x = p.send(p.resource_call(p.rs(), g.access_token), "after expires_in + leeway");
       expect_refused(x);
       expect_status(x, 401, {.level = Level::kShould});
       expect_bearer_challenge(x, "invalid_token", {.level = Level::kShould});
     }},

    {.id = "expiry.valid_before",
     .title = "A short-lived access token still works at half its lifetime",
     .requirement = "expires_in: The lifetime in seconds of the access token; the token MUST "
                    "remain usable for that lifetime (RFC 6749 §5.1).",
     .refs = {{"RFC6749", "5.1"}},
     .level = Level::kMust,
     .needs = {Need::kShort, Need::kRs},
     .after = {ids::kRsHeaderAccepted},
     .needs_facts = kAnyTokenSource,
     .time_delayed = true,
     .sends = "a fresh grant of clients.short_lived; <RS> at issue time + expires_in / 2",
     .passes = "2xx. FAIL: 401 (premature expiry: seconds/milliseconds mix-up, clock skew)",
     .run = [](Probe& p) {
       Grant g = obtain_short_grant(p);
       p.wait_until(g.issued_at + std::chrono::milliseconds(*g.expires_in * 500));
       auto x = p.send(p.resource_call(p.rs(), g.access_token), "at half the lifetime");
       expect_success(x);
     }},

    {.id = "expiry.introspection_inactive_after",
     .title = "Introspection reports an expired access token as inactive",
     .requirement = "active REQUIRED: Boolean indicator of whether or not the presented token "
                    "is currently active ... has not expired; the authorization server MUST "
                    "report an expired token as inactive (RFC 7662 §2.2).",
     .refs = {{"RFC7662", "2.2"}},
     .level = Level::kMust,
     .needs = {Need::kShort, Need::kIntro},
     .writes = {facts::kIntrospectExpiredReply},
     .needs_facts = kAnyTokenSource,
     .time_delayed = true,
     .sends = "a fresh grant of clients.short_lived; introspection at issue time + "
              "expires_in + leeway",
     .passes = "{\"active\":false}. FAIL: active:true",
     .run = [](Probe& p) {
       Grant g = obtain_short_grant(p);
       p.wait_until(expired_at(p, g));
       auto x = p.send(p.introspect(g.access_token, "access_token"), "introspect after expiry");
       p.publish(facts::kIntrospectExpiredReply, x);
       expect_introspection_active(x, false);
     }},

    {.id = "expiry.refresh_after_expiry",
     .title = "The refresh token still works after the access token expired",
     .requirement = "The refresh token is used to obtain a new access token when the current "
                    "access token becomes invalid or expires (RFC 6749 §6, §1.5); the server "
                    "MUST honour a valid refresh token then.",
     .refs = {{"RFC6749", "6"}, {"RFC6749", "1.5"}},
     .level = Level::kMust,
     .needs = {Need::kShort},
     .after = {ids::kRefreshSuccess},
     .needs_facts = kAnyTokenSource,
     .time_delayed = true,
     .sends = "a fresh grant of clients.short_lived; refresh at issue time + expires_in + "
              "leeway",
     .passes = "200 with a new token. FAIL: invalid_grant. SKIP: no refresh token",
     .run = [](Probe& p) {
       skip_unless_refresh_tokens(p);
       Grant g = obtain_short_grant(p);
       if (!g.refresh_token) p.skip("no refresh token issued");
       p.wait_until(expired_at(p, g));
       auto x = p.send(p.refresh_grant(*g.refresh_token, short_client_role(p.profile())),
                       "refresh after the access token expired");
       expect_token_issued(x);
     }},
};

}  // namespace

void add_expiry_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
