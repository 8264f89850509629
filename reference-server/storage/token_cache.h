// TokenCache: the token records SociStore has read, by hash, so that a bearer check of a token
// seen a moment ago costs no SQL. Records are kept as the database had them; every store call
// that changes or deletes tokens (revocation, family revocation, rotation, user deletion, purge)
// drops the affected records before it returns, and a read that raced with such a change is not
// cached (see ticket()). Writers in other processes are not seen: a record is served for at most
// `max_age` after it was read. A ReadCache of records by hash (storage/read_cache.h) with the
// invalidations tokens need. Thread-safe. std + core models only.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "reference-server/core/models.h"
#include "reference-server/storage/read_cache.h"

namespace ock::server::storage {

class TokenCache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // At most `max_entries` records (when full, the stale ones go, and all of them if none is
  // stale), each served for at most `max_age` after it was read. `clock` is for tests.
  TokenCache(std::size_t max_entries, std::chrono::steady_clock::duration max_age,
             Clock clock = std::chrono::steady_clock::now);

  // The cached record of `hash`, if one is there and younger than max_age.
  std::optional<TokenRecord> find(std::string_view hash);

  // Taken before reading a record from the database; put() keeps the record only if no
  // invalidation happened since, so a record read before a revocation committed can never be
  // cached after that revocation dropped its entry.
  std::uint64_t ticket() const;
  void put(const TokenRecord& record, std::uint64_t ticket);

  // Invalidations: each drops the matching records and voids every ticket taken before it.
  void drop_token(std::string_view hash);
  void drop_family(std::string_view family);
  void drop_user(std::int64_t user_id);
  // Records that expired before `before` (the tokens a purge deletes).
  void drop_expired_before(std::int64_t before);
  void clear();

  std::size_t size() const;

 private:
  ReadCache<TokenRecord> records_;  // by hash
};

}  // namespace ock::server::storage
