// Brute-force protection for the password grant (RFC 6749 §4.3.2, RFC 6819 §4.4.3.6): after
// `max_failures` wrong passwords for one username within `window` seconds, that username is
// refused until `lockout` seconds have passed. In memory, per process; thread-safe. std only.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
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
  // Records a wrong password (or an unknown username).
  void record_failure(const std::string& username);
  // A right password clears the username's failures.
  void record_success(const std::string& username);

 private:
  struct Entry {
    std::vector<std::int64_t> failures;  // times within the window
    std::int64_t locked_until = 0;
  };
  const Clock& clock_;
  ThrottleConfig config_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace ock::server
