// SociStore's sessions: a SOCI connection pool opened on one database (SQLite or PostgreSQL),
// each session configured the same way, and the lease of one session for one store call.
// Internal to storage/: only storage/soci_* files include SOCI, and nothing outside storage/
// includes this header.
#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

#include "reference-server/storage/db_url.h"

namespace ock::server::storage {

// Thrown inside the store when no pooled session frees up in time.
struct PoolExhausted : std::runtime_error {
  PoolExhausted() : std::runtime_error("no database session became free within 30 s") {}
};

class SessionPool {
 public:
  // Opens and configures `size` sessions on `target` (SQLite: WAL, synchronous=NORMAL, foreign
  // keys; PostgreSQL: notices off). Throws std::runtime_error "cannot open database <display>:
  // why" on the first session that fails.
  SessionPool(DbTarget target, std::size_t size);
  SessionPool(const SessionPool&) = delete;
  SessionPool& operator=(const SessionPool&) = delete;

  const DbTarget& target() const { return target_; }
  bool sqlite() const { return target_.backend == Backend::kSqlite; }

 private:
  friend class Lease;

  DbTarget target_;
  std::size_t size_;
  soci::connection_pool pool_;
  // A shared-cache in-memory SQLite database reports table locks as SQLITE_LOCKED, which the
  // busy timeout does not cover, so its sessions take turns instead.
  std::mutex memory_mu_;
};

// One pooled session for the duration of one store call. Throws PoolExhausted when none frees
// up within 30 s.
class Lease {
 public:
  explicit Lease(SessionPool& pool);
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  soci::session& session() { return pool_.pool_.at(pos_); }

 private:
  SessionPool& pool_;
  std::unique_lock<std::mutex> lock_;
  std::size_t pos_ = 0;
};

// Collapses a multi-line driver message into one line for logs and startup errors.
std::string one_line(std::string_view text);

}  // namespace ock::server::storage
