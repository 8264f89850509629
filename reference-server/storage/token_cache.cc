#include "reference-server/storage/token_cache.h"

#include <utility>

namespace ock::server::storage {

TokenCache::TokenCache(std::size_t max_entries, std::chrono::steady_clock::duration max_age,
                       Clock clock)
    : max_entries_(max_entries), max_age_(max_age), clock_(std::move(clock)) {}

std::optional<TokenRecord> TokenCache::find(std::string_view hash) {
  const auto now = clock_();
  std::lock_guard lock(mu_);
  auto it = entries_.find(hash);
  if (it == entries_.end()) return std::nullopt;
  if (now - it->second.read_at > max_age_) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.record;
}

std::uint64_t TokenCache::ticket() const {
  std::lock_guard lock(mu_);
  return epoch_;
}

void TokenCache::put(const TokenRecord& record, std::uint64_t ticket) {
  if (max_entries_ == 0) return;
  const auto now = clock_();
  std::lock_guard lock(mu_);
  if (ticket != epoch_) return;  // something was invalidated since the read began
  if (entries_.size() >= max_entries_ && entries_.find(record.hash) == entries_.end()) {
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = now - it->second.read_at > max_age_ ? entries_.erase(it) : std::next(it);
    }
    if (entries_.size() >= max_entries_) entries_.clear();
  }
  entries_.insert_or_assign(record.hash, Entry{record, now});
}

template <class Match>
void TokenCache::drop_if(Match match) {
  std::lock_guard lock(mu_);
  ++epoch_;
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = match(it->second.record) ? entries_.erase(it) : std::next(it);
  }
}

void TokenCache::drop_token(std::string_view hash) {
  std::lock_guard lock(mu_);
  ++epoch_;
  if (auto it = entries_.find(hash); it != entries_.end()) entries_.erase(it);
}

void TokenCache::drop_family(std::string_view family) {
  drop_if([&](const TokenRecord& r) { return r.family == family; });
}

void TokenCache::drop_user(std::int64_t user_id) {
  drop_if([&](const TokenRecord& r) { return r.user_id == user_id; });
}

void TokenCache::drop_expired_before(std::int64_t before) {
  drop_if([&](const TokenRecord& r) { return r.expires_at < before; });
}

void TokenCache::clear() {
  drop_if([](const TokenRecord&) { return true; });
}

std::size_t TokenCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace ock::server::storage
