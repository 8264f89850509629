// Clock: where the server's notion of "now" comes from (unix seconds), injected so that expiry,
// throttling and TTL logic can be unit-tested with a FakeClock instead of sleeping. std only.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace ock::server {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the unix epoch.
  virtual std::int64_t now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock the test moves by hand.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::int64_t start = 1'700'000'000) : now_(start) {}
  std::int64_t now() const override { return now_.load(); }
  void advance(std::int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace ock::server
