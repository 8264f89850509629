// Checks on a brute-force defence seen from outside (RFC 6749 §4.3.2, §2.3.1; RFC 6819
// §5.1.4.2.3): what a run of wrong credentials followed by the right ones showed (429s,
// Retry-After, a growing delay, a temporary refusal), and whether a lock lifts again. Pure: the
// case sends the attempts and hands the replies in.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "conformance/checks/check.h"
#include "conformance/engine/http.h"

namespace ock::conformance::checks {

struct DefenceObservation {
  std::size_t attempts = 0;           // wrong credentials sent
  int throttled = 0;                  // replies with 429
  std::optional<long> retry_after_s;  // the largest Retry-After seen
  double first_ms = 0;                // median latency of the first five attempts
  double last_ms = 0;                 // median latency of the last five
  bool locked = false;                // the right credentials refused right after
  bool tar_pit() const { return last_ms >= 2 * first_ms + 200; }
  bool defended() const { return throttled > 0 || retry_after_s || tar_pit() || locked; }
};

// Retry-After as delta-seconds (RFC 9110 §10.2.3); an HTTP-date counts as 1 s.
std::optional<long> retry_after_seconds(const engine::HttpExchange& x);
// The observation from the replies to the wrong attempts followed by the reply to the right
// credentials (last), and whether those right credentials were refused.
DefenceObservation observe_defence(const std::vector<engine::HttpExchange>& tries, bool locked);
// "30 wrong attempts: 0 answered 429, Retry-After never sent, median latency ... ".
std::string describe(const DefenceObservation& o);

// Something observable: 429, Retry-After, a growing delay or a temporary refusal of the right
// credentials.                                                 default id "defence_observable"
bool expect_defence_observable(const DefenceObservation& o, const Tag& tag = {});
// The right credentials were accepted again (`last_try`) within max_wait_s.
//                                                              default id "lock_recovers"
bool expect_lock_recovers(bool recovered, int max_wait_s, const engine::HttpExchange& last_try,
                          const Tag& tag = {});

}  // namespace ock::conformance::checks
