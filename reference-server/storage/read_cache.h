// ReadCache: values SociStore has read lately (users by name, the scope list, and through
// TokenCache the token records), kept for at most
// `max_age`, so that the token endpoint's lookups cost no SQL. Every store call that writes
// those rows clears the cache after its transaction ends; a read that raced with such a write is
// not kept (see ticket()). Writers in other processes are not seen: a value is served for at
// most `max_age` after it was read. Thread-safe. std only.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ock::server::storage {

template <class V>
class ReadCache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  ReadCache(std::size_t max_entries, std::chrono::steady_clock::duration max_age,
            Clock clock = std::chrono::steady_clock::now)
      : max_entries_(max_entries), max_age_(max_age), clock_(std::move(clock)) {}

  // The value read for `key`, if one is there and younger than max_age.
  std::optional<V> find(std::string_view key) {
    const auto now = clock_();
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    if (now - it->second.read_at > max_age_) {
      entries_.erase(it);
      return std::nullopt;
    }
    return it->second.value;
  }

  // Taken before reading from the database; put() keeps the value only if no clear() happened
  // since, so a value read before a write committed is never kept after that write cleared.
  std::uint64_t ticket() const {
    std::lock_guard lock(mu_);
    return epoch_;
  }

  // When full, the values older than max_age go, and all of them if none is.
  void put(std::string_view key, V value, std::uint64_t ticket) {
    if (max_entries_ == 0) return;
    const auto now = clock_();
    std::lock_guard lock(mu_);
    if (ticket != epoch_) return;
    if (entries_.size() >= max_entries_ && entries_.find(key) == entries_.end()) {
      for (auto it = entries_.begin(); it != entries_.end();) {
        it = now - it->second.read_at > max_age_ ? entries_.erase(it) : std::next(it);
      }
      if (entries_.size() >= max_entries_) entries_.clear();
    }
    entries_.insert_or_assign(std::string(key), Entry{std::move(value), now});
  }

  // Drops the value of `key`, and voids every ticket taken before.
  void drop(std::string_view key) {
    std::lock_guard lock(mu_);
    ++epoch_;
    if (auto it = entries_.find(key); it != entries_.end()) entries_.erase(it);
  }

  // Drops the values for which `match(value)` is true, and voids every ticket taken before.
  template <class Match>
  void drop_if(Match match) {
    std::lock_guard lock(mu_);
    ++epoch_;
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = match(it->second.value) ? entries_.erase(it) : std::next(it);
    }
  }

  // Drops everything and voids every ticket taken before.
  void clear() {
    std::lock_guard lock(mu_);
    ++epoch_;
    entries_.clear();
  }

  std::size_t size() const {
    std::lock_guard lock(mu_);
    return entries_.size();
  }

 private:
  struct Entry {
    V value;
    std::chrono::steady_clock::time_point read_at;
  };
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  const std::size_t max_entries_;
  const std::chrono::steady_clock::duration max_age_;
  const Clock clock_;
  mutable std::mutex mu_;
  std::uint64_t epoch_ = 0;
  std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>> entries_;
};

}  // namespace ock::server::storage
