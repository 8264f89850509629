#include "reference-server/storage/soci_pool.h"

#include <soci/sqlite3/soci-sqlite3.h>
#ifdef OCK_HAVE_POSTGRESQL
#include <soci/postgresql/soci-postgresql.h>
#endif

#include <cctype>
#include <utility>

namespace ock::server::storage {
namespace {

constexpr int kLeaseTimeoutMs = 30000;
constexpr long kWalSizeLimitBytes = 16L * 1024 * 1024;

void configure_session(soci::session& sql, Backend backend) {
  if (backend == Backend::kSqlite) {
    std::string mode;
    sql << "PRAGMA journal_mode=WAL", soci::into(mode);
    sql << "PRAGMA synchronous=NORMAL";
    // After a checkpoint resets the WAL, the file is cut back to this size instead of keeping
    // its high-water mark on disk (the housekeeping thread checkpoints every 200 ms).
    long limit = 0;
    sql << "PRAGMA journal_size_limit=" << kWalSizeLimitBytes, soci::into(limit);
    sql << "PRAGMA foreign_keys=ON";
  } else {
    sql << "SET client_min_messages TO warning";
  }
}

const soci::backend_factory& factory_of(Backend backend) {
#ifdef OCK_HAVE_POSTGRESQL
  if (backend == Backend::kPostgresql) return *soci::factory_postgresql();
#else
  (void)backend;
#endif
  return *soci::factory_sqlite3();
}

}  // namespace

std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

SessionPool::SessionPool(DbTarget target, std::size_t size)
    : target_(std::move(target)), size_(size), pool_(size) {
  const soci::backend_factory& factory = factory_of(target_.backend);
  for (std::size_t i = 0; i < size_; ++i) {
    try {
      soci::session& sql = pool_.at(i);
      sql.open(factory, target_.connect);
      configure_session(sql, target_.backend);
    } catch (const std::exception& e) {
      // SOCI's own prefix adds nothing to "cannot open database".
      std::string why = one_line(e.what());
      constexpr std::string_view kSociPrefix = "Cannot establish connection to the database. ";
      if (std::string_view(why).starts_with(kSociPrefix)) why.erase(0, kSociPrefix.size());
      throw std::runtime_error("cannot open database " + target_.display + ": " + why);
    }
  }
}

Lease::Lease(SessionPool& pool) : pool_(pool) {
  if (pool.target_.memory) lock_ = std::unique_lock(pool.memory_mu_);
  if (!pool.pool_.try_lease(pos_, kLeaseTimeoutMs)) throw PoolExhausted();
}

Lease::~Lease() { pool_.pool_.give_back(pos_); }

}  // namespace ock::server::storage
