// Brute-force protection for the password grant (RFC 6749 §4.3.2, RFC 6819 §4.4.3.6): after
// `max_failures` wrong passwords for one username within `window` seconds, that username is
// refused until `lockout` seconds have passed. An attempt is reserved before its password is
// hashed, so parallel guesses cannot all slip in before the first failure is counted. In
// memory, per process; thread-safe. std only.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "reference-server/core/clock.h"

namespace ock::server {

struct ThrottleConfig {
  int max_failures = 5;
  std::int64_t window = 60;   // seconds in which failures are counted
  std::int64_t lockout = 30;  // seconds a locked username stays refused
};

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock, ThrottleConfig config) : clock_(clock), config_(config) {}

  // Seconds until `username` may try again; 0 when it may try now.
  std::int64_t retry_after(const std::string& username);
  // Reserves one attempt: 0 when its password may be checked now (then exactly one of
  // record_failure, record_success or release must follow), else the seconds to wait. The
  // failures already counted plus the attempts in flight never exceed max_failures; an attempt
  // over that waits a second, as if locked.
  std::int64_t reserve(const std::string& username);
  // Records a wrong password (or an unknown username), ending a reserved attempt if one runs.
  void record_failure(const std::string& username);
  // A right password clears the username's failures (and ends a reserved attempt).
  void record_success(const std::string& username);
  // Ends a reserved attempt that was not judged (a storage error).
  void release(const std::string& username);

 private:
  struct Entry {
    std::vector<std::int64_t> failures;  // times within the window
    std::int64_t locked_until = 0;
    int in_flight = 0;  // reserved attempts not yet recorded
  };
  void end_attempt(Entry& e) {
    if (e.in_flight > 0) --e.in_flight;
  }
  const Clock& clock_;
  ThrottleConfig config_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

// One reserved attempt (LoginThrottle::reserve returned 0): failed() and succeeded() record its
// outcome; if neither was called, the destructor releases it.
class ThrottleAttempt {
 public:
  ThrottleAttempt(LoginThrottle& throttle, std::string key)
      : throttle_(&throttle), key_(std::move(key)) {}
  ~ThrottleAttempt() {
    if (throttle_) throttle_->release(key_);
  }
  ThrottleAttempt(const ThrottleAttempt&) = delete;
  ThrottleAttempt& operator=(const ThrottleAttempt&) = delete;
  void failed() {
    if (throttle_) throttle_->record_failure(key_);
    throttle_ = nullptr;
  }
  void succeeded() {
    if (throttle_) throttle_->record_success(key_);
    throttle_ = nullptr;
  }

 private:
  LoginThrottle* throttle_;
  std::string key_;
};

}  // namespace ock::server
