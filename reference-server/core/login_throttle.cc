#include "reference-server/core/login_throttle.h"

#include <algorithm>

namespace ock::server {

std::int64_t LoginThrottle::retry_after(const std::string& username) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(username);
  if (it == entries_.end()) return 0;
  std::int64_t now = clock_.now();
  return it->second.locked_until > now ? it->second.locked_until - now : 0;
}

std::int64_t LoginThrottle::reserve(const std::string& username) {
  std::lock_guard lock(mu_);
  const std::int64_t now = clock_.now();
  Entry& e = entries_[username];
  if (e.locked_until > now) return e.locked_until - now;
  auto& f = e.failures;
  f.erase(std::remove_if(f.begin(), f.end(), [&](std::int64_t t) { return t <= now - config_.window; }),
          f.end());
  if (static_cast<int>(f.size()) + e.in_flight >= config_.max_failures) return 1;
  ++e.in_flight;
  return 0;
}

void LoginThrottle::record_failure(const std::string& username) {
  std::lock_guard lock(mu_);
  std::int64_t now = clock_.now();
  // Bound the memory an attacker can make us use with made-up usernames.
  if (entries_.size() > 100'000) {
    for (auto it = entries_.begin(); it != entries_.end();) {
      bool stale = it->second.locked_until <= now && it->second.in_flight == 0 &&
                   (it->second.failures.empty() || it->second.failures.back() <= now - config_.window);
      it = stale ? entries_.erase(it) : std::next(it);
    }
  }
  Entry& e = entries_[username];
  end_attempt(e);
  auto& f = e.failures;
  f.erase(std::remove_if(f.begin(), f.end(), [&](std::int64_t t) { return t <= now - config_.window; }),
          f.end());
  f.push_back(now);
  if (static_cast<int>(f.size()) >= config_.max_failures) {
    e.locked_until = now + config_.lockout;
    f.clear();
  }
}

void LoginThrottle::record_success(const std::string& username) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(username);
  if (it == entries_.end()) return;
  end_attempt(it->second);
  if (it->second.in_flight == 0) {
    entries_.erase(it);
  } else {
    it->second.failures.clear();
    it->second.locked_until = 0;
  }
}

void LoginThrottle::release(const std::string& username) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(username);
  if (it == entries_.end()) return;
  end_attempt(it->second);
  if (it->second.in_flight == 0 && it->second.failures.empty() && it->second.locked_until == 0)
    entries_.erase(it);
}

}  // namespace ock::server
