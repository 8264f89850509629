// Time for the cases: a monotonic clock, wall-clock seconds, and waiting until a deadline.
// Injected so that runner tests never sleep and so that time-delayed cases (expiry, grace
// windows) wait on their own threads and overlap instead of adding up.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace ock::conformance::engine {

using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;

// The wall-clock time now in UTC, formatted with strftime ("%Y-%m-%dT%H:%M:%SZ").
std::string utc_now(const char* format);

class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual TimePoint now() const = 0;
  virtual std::int64_t unix_seconds() const = 0;  // wall clock, for comparing with exp/iat
  virtual void sleep_until(TimePoint deadline) = 0;
};

// The real clock; sleep_until blocks the calling thread, and returns early once `stop` (when
// given) is set: a stopping run must not wait out an expiry case's minutes.
class RealSleeper : public Sleeper {
 public:
  explicit RealSleeper(const std::atomic<bool>* stop = nullptr) : stop_(stop) {}
  TimePoint now() const override;
  std::int64_t unix_seconds() const override;
  void sleep_until(TimePoint deadline) override;

 private:
  const std::atomic<bool>* stop_;
};

}  // namespace ock::conformance::engine
