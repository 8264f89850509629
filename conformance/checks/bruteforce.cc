#include "conformance/checks/bruteforce.h"

#include <algorithm>
#include <cstdio>

#include "conformance/engine/token_reply.h"

namespace ock::conformance::checks {
namespace {

double ms(const engine::HttpExchange& x) { return static_cast<double>(x.elapsed.count()) / 1000.0; }

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

std::optional<long> retry_after_seconds(const engine::HttpExchange& x) {
  auto v = x.response.header("Retry-After");
  if (!v) return std::nullopt;
  if (!v->empty() && v->find_first_not_of("0123456789") == std::string::npos) {
    return std::stol(v->substr(0, 9));
  }
  return 1;
}

DefenceObservation observe_defence(const std::vector<engine::HttpExchange>& tries, bool locked) {
  DefenceObservation o;
  o.attempts = tries.empty() ? 0 : tries.size() - 1;
  o.locked = locked;
  for (const auto& x : tries) {
    if (x.response.status == 429) ++o.throttled;
    if (auto r = retry_after_seconds(x))
      o.retry_after_s = std::max(o.retry_after_s.value_or(0), *r);
  }
  std::vector<double> first, last;
  for (std::size_t i = 0; i + 1 < tries.size(); ++i) {
    if (i < 5) first.push_back(ms(tries[i]));
    if (i + 6 >= tries.size()) last.push_back(ms(tries[i]));
  }
  o.first_ms = median(first);
  o.last_ms = median(last);
  return o;
}

std::string describe(const DefenceObservation& o) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "%zu wrong attempts: %d answered 429, Retry-After %s, median latency %.0f ms "
                "(first 5) -> %.0f ms (last 5); right credentials afterwards: %s",
                o.attempts, o.throttled,
                o.retry_after_s ? (std::to_string(*o.retry_after_s) + " s").c_str() : "never sent",
                o.first_ms, o.last_ms, o.locked ? "refused" : "accepted");
  return buf;
}

bool expect_defence_observable(const DefenceObservation& o, const Tag& tag) {
  return record(tag, "defence_observable", o.defended(),
                "429, Retry-After, a growing delay or a temporary refusal of the right credentials",
                o.defended()
                    ? describe(o)
                    : "nothing observable (" + describe(o) + "); the defence may be alert-only");
}

bool expect_lock_recovers(bool recovered, int max_wait_s, const engine::HttpExchange& last_try,
                          const Tag& tag) {
  return record(tag, "lock_recovers", recovered,
                "the right credentials accepted again within timing.max_wait_s (" +
                    std::to_string(max_wait_s) + " s)",
                (recovered ? "accepted again: " : "still refused: ") + engine::describe(last_try));
}

}  // namespace ock::conformance::checks
