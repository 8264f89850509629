#include "reference-server/storage/token_cache.h"

#include <utility>

namespace ock::server::storage {

TokenCache::TokenCache(std::size_t max_entries, std::chrono::steady_clock::duration max_age,
                       Clock clock)
    : records_(max_entries, max_age, std::move(clock)) {}

std::optional<TokenRecord> TokenCache::find(std::string_view hash) { return records_.find(hash); }

std::uint64_t TokenCache::ticket() const { return records_.ticket(); }

void TokenCache::put(const TokenRecord& record, std::uint64_t ticket) {
  records_.put(record.hash, record, ticket);
}

void TokenCache::drop_token(std::string_view hash) { records_.drop(hash); }

void TokenCache::drop_family(std::string_view family) {
  records_.drop_if([&](const TokenRecord& r) { return r.family == family; });
}

void TokenCache::drop_user(std::int64_t user_id) {
  records_.drop_if([&](const TokenRecord& r) { return r.user_id == user_id; });
}

void TokenCache::drop_expired_before(std::int64_t before) {
  records_.drop_if([&](const TokenRecord& r) { return r.expires_at < before; });
}

void TokenCache::clear() { records_.clear(); }

std::size_t TokenCache::size() const { return records_.size(); }

}  // namespace ock::server::storage
