#include <algorithm>
#include <cstdio>
#include <functional>
#include <set>

#include "conformance/catalog/cases/cases.h"
#include "conformance/catalog/catalog.h"
#include "conformance/checks/bruteforce.h"
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
#include "conformance/engine/command.h"
#include "conformance/engine/grants.h"
#include "conformance/engine/probe.h"
#include "conformance/engine/token_reply.h"
#include "conformance/engine/url.h"
#include "conformance/model/ids.h"

namespace ock::conformance::catalog {
namespace {

using namespace engine;  // NOLINT: case files read as plain OAuth steps
using namespace checks;  // NOLINT

constexpr int kSamples = 20;

// ---- brute force (security.bruteforce.*)

// The client authenticated: a token, or an error about something other than the client
// (a client_credentials grant the client may not use still proves the secret was right).
bool client_authenticated(const HttpExchange& x) {
  if (token_issued(x)) return true;
  auto t = parse_token_response(x.response);
  return x.response.status == 400 && t && t->error && *t->error != "invalid_client";
}

// RFC 6749 §4.3.2 / §2.3.1 protection seen from outside: timing.bruteforce_attempts wrong
// credentials within timing.bruteforce_window_s, the right ones at once, then again after the
// cool-down (Retry-After, capped by timing.max_wait_s). Every assertion is ADVICE: never FAIL.
void observe_bruteforce(Probe& p, const std::function<HttpRequest()>& wrong,
                        const std::function<HttpRequest()>& right,
                        bool (*accepted)(const HttpExchange&)) {
  const auto& t = p.profile().timing;
  auto base = p.send(right(), "baseline: the right credentials");
  if (!accepted(base)) {
    p.error("the right credentials do not work even before the attempts (" + describe(base) + ")");
  }
  const auto window_end = p.now() + std::chrono::seconds(t.bruteforce_window_s);
  std::vector<HttpExchange> tries;
  for (int i = 1; i <= t.bruteforce_attempts && p.now() < window_end; ++i) {
    tries.push_back(p.send(wrong(), "wrong credentials, try " + std::to_string(i)));
  }
  auto after = p.send(right(), "the right credentials right after the attempts");
  p.burst_over();  // from here: waiting for the lock to lift, a try now and then
  tries.push_back(after);
  bool locked = !accepted(after);
  auto seen = observe_defence(tries, locked);
  p.note(describe(seen));
  expect_defence_observable(seen, {.level = Level::kAdvice});
  std::optional<long> retry = seen.retry_after_s;
  if (!locked) return;
  const auto give_up = p.now() + std::chrono::seconds(t.max_wait_s);
  HttpExchange last_try = after;
  bool recovered = false;
  for (int round = 1; !recovered && p.now() < give_up; ++round) {
    // A cool-down the server announces and the runner may not wait out: the lock is a defence
    // seen; whether it ends is not judged (a WARN would tell it from no defence at all).
    if (retry && p.now() + std::chrono::seconds(*retry) > give_up) {
      p.note("the server announces a cool-down of " + std::to_string(*retry) +
             " s (Retry-After), beyond timing.max_wait_s (" + std::to_string(t.max_wait_s) +
             " s): whether the lock ends was not checked");
      return;
    }
    long wait = retry.value_or(t.bruteforce_window_s) + 1;
    p.wait_until(std::min(p.now() + std::chrono::seconds(wait), give_up));
    last_try = p.send(right(),
                      "the right credentials after the cool-down, round " + std::to_string(round));
    recovered = accepted(last_try);
    if (auto r = retry_after_seconds(last_try)) retry = *r;
  }
  expect_lock_recovers(recovered, t.max_wait_s, last_try, {.level = Level::kAdvice});
}

// ---- entropy and uniqueness (security.entropy.*, security.tokens_unique)

// kSamples fresh grants of the primary user, collected once and shared by security.entropy.* and
// security.tokens_unique.
std::vector<TokenResponse> sample_grants(Probe& p) {
  std::vector<TokenResponse> out;
  for (int i = 1; i <= kSamples; ++i) {
    auto x = p.published(facts::kEntropySamples, static_cast<std::size_t>(i));
    if (!x) break;
    if (auto t = parse_token_response(x->response)) out.push_back(*t);
  }
  if (out.size() == kSamples) return out;
  out.clear();
  for (int i = 1; i <= kSamples; ++i) {
    auto g = p.obtain_grant();
    p.publish(facts::kEntropySamples, g.exchange, static_cast<std::size_t>(i));
    if (auto t = parse_token_response(g.exchange.response)) out.push_back(*t);
  }
  return out;
}

std::vector<std::string> access_tokens(const std::vector<TokenResponse>& v) {
  std::vector<std::string> out;
  for (const auto& t : v) {
    if (t.access_token) out.push_back(*t.access_token);
  }
  return out;
}

std::vector<std::string> refresh_tokens(const std::vector<TokenResponse>& v) {
  std::vector<std::string> out;
  for (const auto& t : v) {
    if (t.refresh_token) out.push_back(*t.refresh_token);
  }
  return out;
}

// RFC 6749 §10.10 on one kind of token: the estimate, or jti uniqueness for JWTs.
void judge_entropy(Probe& p, const std::vector<std::string>& tokens, const std::string& what) {
  if (std::all_of(tokens.begin(), tokens.end(), [](const auto& s) { return is_jwt_shaped(s); })) {
    std::vector<std::string> jtis;
    for (const auto& s : tokens) {
      if (auto j = jwt_string_claim(s, "jti")) jtis.push_back(*j);
    }
    p.note("JWT-shaped " + what + ": the string's entropy is not measurable; " +
           (jtis.size() == tokens.size() ? "jti uniqueness checked instead"
                                         : "not every token has a jti"));
    if (jtis.size() == tokens.size())
      expect_all_distinct(jtis, "jti values", {.id = "jti_distinct"});
    return;
  }
  // Re-issued tokens would make the whole token look like a common prefix: estimate over the
  // distinct ones (security.tokens_unique judges the re-issue).
  std::vector<std::string> distinct;
  for (const auto& s : tokens) {
    if (std::find(distinct.begin(), distinct.end(), s) == distinct.end()) distinct.push_back(s);
  }
  auto e = estimate_entropy(distinct);
  p.note(what + ": " + describe_entropy(e));
  expect_entropy_upper_bound(e, 128);
  expect_entropy_upper_bound(e, 160, {.level = Level::kShould});
  expect_entropy_shannon(e, 128, {.level = Level::kShould});
}

// A resource owner other than the primary one, if the profile has one. Not users.victim when
// destructive cases are allowed: security.bruteforce.password may hold it locked at any time.
std::optional<std::string> second_user_role(const Profile& prof) {
  for (const char* role : {"second", "utf8", "victim"}) {
    if (prof.user(role) && !(prof.allow_destructive && std::string_view(role) == "victim")) {
      return std::string(role);
    }
  }
  return std::nullopt;
}

std::vector<std::string> tokens_of(const Grant& g) {
  std::vector<std::string> out{g.access_token};
  if (g.refresh_token) out.push_back(*g.refresh_token);
  return out;
}

// Secrets the run itself put into a request URL (client_auth.secret_in_query,
// password.error.get_method, password.error.credentials_in_query): access logs hold them by
// design.
std::vector<KnownSecret> not_sent_in_urls(Probe& p, const std::vector<KnownSecret>& secrets) {
  std::set<std::string> in_urls;
  for (const auto& e : p.all_exchanges()) {
    for (const auto& s : secrets) {
      const auto& url = e.exchange.request.url;
      if (url.find(s.value) != std::string::npos ||
          url.find(form_encode(s.value)) != std::string::npos) {
        in_urls.insert(s.value);
      }
    }
  }
  std::vector<KnownSecret> out;
  for (const auto& s : secrets) {
    if (!in_urls.count(s.value)) out.push_back(s);
  }
  if (!in_urls.empty()) {
    p.note(std::to_string(in_urls.size()) +
           " secret(s) the run sent inside a URL are not "
           "searched for (access logs hold them by design)");
  }
  return out;
}

const Case kCases[] = {
    {.id = "security.bruteforce.password",
     .title = "Many wrong passwords for the victim user, then the right one, then again "
              "after the cool-down",
     .requirement = "The authorization server MUST protect the endpoint against brute force "
                    "attacks (e.g., using rate-limitation or generating alerts) (RFC 6749 "
                    "§4.3.2); alert-only defences are invisible from outside, so this case "
                    "never fails.",
     .refs = {{"RFC6749", "4.3.2"}, {"RFC6819", "4.4.3.6"}, {"RFC6819", "5.1.4.2.3"}},
     .level = Level::kMust,
     .needs = {Need::kPasswordGrant, Need::kVictim},
     .after = {ids::kPasswordSuccess},
     .destructive = true,
     .sends = "the victim's right password (baseline); timing.bruteforce_attempts canary "
              "passwords within timing.bruteforce_window_s; the right password; after "
              "Retry-After (capped by timing.max_wait_s) the right password again",
     .passes = "429, Retry-After, a growing delay or a temporary refusal of the right "
               "password that later recovers (not checked, with a note, when Retry-After "
               "announces more than timing.max_wait_s). WARN: nothing observable; the lock "
               "never recovers within timing.max_wait_s. Never FAIL",
     .run = [](Probe& p) {
       const auto& victim = p.user("victim");
       auto wrong = [&] {
         auto f = p.password_form(victim);
         f.set("password", p.canary());
         return p.token_request(f, p.client());
       };
       auto right = [&] { return p.password_grant("victim"); };
       observe_bruteforce(p, wrong, right, &token_issued);
     }},

    {.id = "security.bruteforce.client_secret",
     .title = "Many wrong secrets for the throwaway client, then the right one, then again "
              "after the cool-down",
     .requirement = "Since this client authentication method involves a password, the "
                    "authorization server MUST protect any endpoint utilizing it against "
                    "brute force attacks (RFC 6749 §2.3.1); alert-only defences are invisible "
                    "from outside, so this case never fails.",
     .refs = {{"RFC6749", "2.3.1"}, {"RFC6819", "4.3.5"}},
     .level = Level::kMust,
     .needs = {Need::kThrowaway},
     // The same client: its lock must not meet client_auth.secret_in_query's request.
     .follows = {"client_auth.secret_in_query"},
     .needs_facts = kAnyTokenSource,
     .destructive = true,
     .sends = "token requests for clients.throwaway (client credentials where cc.success got "
              "a token, else the grant the token source uses, with one fresh grant kept for "
              "the wrong attempts): the right secret (baseline), timing.bruteforce_attempts "
              "canary secrets, the right secret, and the right secret again after the "
              "cool-down",
     .passes = "as security.bruteforce.password; the right secret counts as accepted when "
               "the answer is not invalid_client. WARN: nothing observable. Never FAIL",
     .run = [](Probe& p) {
       const auto& cl = p.client("throwaway");
       bool cc = p.published(facts::kCcReply).has_value();
       auto form = [&] {
         return cc ? Form{{"grant_type", "client_credentials"}} : grant_form(p, cl.role);
       };
       Form attempt = form();
       auto wrong = [&] {
         ClientCreds w = cl;
         w.secret = p.canary();
         return p.token_request(attempt, w);
       };
       auto right = [&] { return p.token_request(form(), cl); };
       observe_bruteforce(p, wrong, right, &client_authenticated);
     }},

    {.id = ids::kEntropyAccessToken,
     .title = "Estimate the entropy of 20 access tokens",
     .requirement = "The probability of an attacker guessing generated tokens MUST be less "
                    "than or equal to 2^(-128) and SHOULD be less than or equal to 2^(-160) "
                    "(RFC 6749 §10.10).",
     .refs = {{"RFC6749", "10.10"}, {"RFC6819", "5.1.4.2.2"}},
     .level = Level::kMust,
     .reads = {facts::kEntropySamples},
     .writes = {facts::kEntropySamples},
     .needs_facts = kAnyTokenSource,
     .sends = "20 fresh password grants for the primary user",
     .passes = "upper bound (varying length x log2 of the observed alphabet) >= 160 bits and "
               "Shannon estimate >= 128 bits. FAIL: upper bound < 128. WARN: 128-160, or "
               "Shannon < 128. PASS (note): JWT-shaped tokens (jti uniqueness instead)",
     .run = [](Probe& p) {
       judge_entropy(p, access_tokens(sample_grants(p)), "access tokens");
     }},

    {.id = ids::kEntropyRefreshToken,
     .title = "Estimate the entropy of 20 refresh tokens",
     .requirement = "The probability of an attacker guessing generated tokens MUST be less "
                    "than or equal to 2^(-128) and SHOULD be less than or equal to 2^(-160) "
                    "(RFC 6749 §10.10).",
     .refs = {{"RFC6749", "10.10"}, {"RFC6819", "5.1.4.2.2"}},
     .level = Level::kMust,
     .follows = {ids::kEntropyAccessToken},
     .reads = {facts::kEntropySamples},
     .writes = {facts::kEntropySamples},
     .needs_facts = kAnyTokenSource,
     .sends = "nothing when security.entropy.access_token collected its 20 grants; else 20 "
              "fresh password grants",
     .passes = "as security.entropy.access_token. SKIP: no refresh token issued",
     .run = [](Probe& p) {
       auto rts = refresh_tokens(sample_grants(p));
       if (rts.size() < 2) p.skip("no refresh token issued");
       judge_entropy(p, rts, "refresh tokens");
     }},

    {.id = "security.tokens_unique",
     .title = "Tokens differ across grants, users and clients and show no counter",
     .requirement = "Generated tokens MUST NOT be guessable (RFC 6749 §10.10; RFC 6819 "
                    "§5.1.4.2.2): no token is shared between users or clients, none is "
                    "re-issued, and none carries a visible counter or timestamp.",
     .refs = {{"RFC6749", "10.10"}, {"RFC6819", "5.1.4.2.2"}},
     .level = Level::kMust,
     // After password.error.unknown_user: its wrong passwords for users.second are followed by
     // this case's right one, so repeated runs do not add up to a lockout of that user.
     .follows = {ids::kEntropyAccessToken, ids::kEntropyRefreshToken,
                 "password.error.unknown_user"},
     .reads = {facts::kEntropySamples},
     .writes = {facts::kEntropySamples},
     .needs_facts = kAnyTokenSource,
     .sends = "the 20 grants of security.entropy.*; one grant for a second user "
              "(users.second, users.utf8 or, without allow_destructive, users.victim) and one "
              "via clients.second, when configured",
     .passes = "all distinct, no counter or timestamp. FAIL: a token shared between users "
               "or clients. WARN: a token re-issued to the same user and client, or a "
               "visible sequence",
     .run = [](Probe& p) {
       auto grants = sample_grants(p);
       auto ats = access_tokens(grants), rts = refresh_tokens(grants);
       expect_all_distinct(ats, "access tokens",
                           {.id = "distinct#access_token", .level = Level::kShould});
       expect_all_distinct(rts, "refresh tokens",
                           {.id = "distinct#refresh_token", .level = Level::kShould});
       auto mine = ats;
       mine.insert(mine.end(), rts.begin(), rts.end());
       if (auto role = second_user_role(p.profile())) {
         expect_disjoint(mine, tokens_of(p.obtain_grant(*role)), "token with users." + *role,
                         {.id = "disjoint#other_user"});
       }
       if (p.profile().client("second")) {
         expect_disjoint(mine, tokens_of(p.obtain_grant("primary", "second")),
                         "token with clients.second", {.id = "disjoint#other_client"});
       }
       expect_no_visible_sequence(ats, p.unix_seconds(),
                                  {.id = "no_sequence#access_token", .level = Level::kShould});
       expect_no_visible_sequence(rts, p.unix_seconds(),
                                  {.id = "no_sequence#refresh_token", .level = Level::kShould});
     }},

    {.id = "security.no_secret_leakage",
     .title = "No reply of the run echoes a password, client secret or token",
     .requirement = "Access token credentials (as well as any confidential access token "
                    "attributes) MUST be kept confidential in transit and storage (RFC 6749 "
                    "§10.3); tokens MUST NOT travel in page URLs (RFC 6750 §5.3, RFC 9700 "
                    "§4.3.2).",
     .refs =
         {{"RFC6749", "10.3"}, {"RFC6749", "2.3.1"}, {"RFC6750", "5.3"}, {"RFC9700", "4.3.2"}},
     .level = Level::kMust,
     .follows = {"*"},
     .sends = "nothing: scans every reply captured so far in the run",
     .passes = "no password, client secret, canary or token in any reply header or body "
               "(token members of token responses excepted), none in Location, "
               "Content-Location or Link. WARN: found (FAIL in strict). SKIP: no reply to scan",
     .run = [](Probe& p) {
       auto xs = p.all_exchanges();
       // Nothing scanned proves nothing: an unreachable target must not PASS this case.
       if (xs.empty()) p.skip("no reply of the target was captured in the run: nothing to scan");
       auto secrets = p.known_secrets();
       p.note("scanned " + std::to_string(xs.size()) + " replies for " +
              std::to_string(secrets.size()) + " secrets");
       expect_no_secret_echo(xs, secrets, {.level = Level::kTolerance});
       expect_no_secret_in_url_headers(xs, secrets, {.level = Level::kTolerance});
     }},

    {.id = "security.logs_no_secrets",
     .title = "The target's logs for the run hold no password, secret or token",
     .requirement = "Access token credentials MUST be kept confidential in transit and "
                    "storage (RFC 6749 §10.3); token values must not leak into server logs "
                    "(RFC 7662 §4, RFC 9700 §4.3.2).",
     .refs = {{"RFC6749", "10.3"}, {"RFC7662", "4"}, {"RFC9700", "4.3.2"}},
     .level = Level::kMust,
     .needs = {Need::kLogs},
     .follows = {"*"},
     .sends = "nothing to the target: runs logs_command and searches its output for the "
              "run's passwords, client secrets, canaries and issued tokens",
     .passes = "none found (secrets the run itself put into URLs are not searched). FAIL: "
               "found",
     .run = [](Probe& p) {
       auto log = capture_command_output(p.profile().logs_command, "the logs command");
       if (!log) p.error(log.error());
       auto secrets = not_sent_in_urls(p, p.known_secrets());
       expect_no_secrets_in_text(*log, secrets);
     }},

    {.id = "security.ropc_notice",
     .title = "Notice: the resource owner password credentials grant is enabled",
     .requirement = "The resource owner password credentials grant MUST NOT be used (RFC "
                    "9700 §2.4); the authorization server should minimise its use (RFC 6749 "
                    "§10.7). BCP advice about deployment, not a protocol error.",
     .refs = {{"RFC9700", "2.4"}, {"RFC6749", "10.7"}},
     .level = Level::kNotice,
     .needs = {Need::kPasswordGrant},
     .after = {ids::kPasswordSuccess},
     .reads = {facts::kGrantPassword},
     .sends = "nothing: fires when password.success.basic passed",
     .passes = "PASS (note) under rfc; WARN under bcp: the password grant is enabled",
     .run = [](Probe& p) {
       p.note(
           "the password grant is enabled (password.success.basic passed); RFC 9700 §2.4 "
           "says it MUST NOT be used");
       expect_grant_disabled("password", p.fact(facts::kGrantPassword));
     }},
};

}  // namespace

void add_security_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
