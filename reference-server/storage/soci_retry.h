// The one way SociStore runs SQL: a store call's body on a leased session, inside the
// transaction it asks for (BEGIN IMMEDIATE for SQLite writes), run again when PostgreSQL broke
// a deadlock or a serialization conflict, with every exception turned into a StorageError, so
// no SOCI exception crosses into core. Internal to storage/ (includes SOCI).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <type_traits>
#include <utility>

#include "reference-server/core/store.h"
#include "reference-server/storage/soci_pool.h"

namespace ock::server::storage {

enum class Tx {
  kNone,      // one statement, autocommit
  kSnapshot,  // several reads that must agree
  kWrite,     // SQLite: BEGIN IMMEDIATE, so the write lock is taken up front (no upgrade deadlock)
};

// What a SOCI error means for the caller: a conflict (unique key), unavailable (busy, locked,
// connection lost: worth a retry later) or other. The message leaves out the bound values.
StorageError classify(const soci::soci_error& e);

// True for PostgreSQL's deadlock and serialization failures, which a rerun from the start cures.
bool worth_retrying(const soci::soci_error& e);

// Rolls back whatever transaction `sql` may have open; never throws.
void rollback_quietly(soci::session& sql);

// The StorageError for `e` raised on `lease` (null when no session was leased). A dropped
// PostgreSQL connection is reconnected on the way, so that the next call can work.
StorageError storage_error(const soci::soci_error& e, Lease* lease, bool sqlite);

namespace detail {

inline constexpr int kAttempts = 4;

// One attempt: BEGIN, the body, COMMIT; ROLLBACK when anything throws.
template <class T, class F>
T run_once(soci::session& sql, bool sqlite, Tx tx, F& body) {
  if (tx != Tx::kNone) sql << (sqlite && tx == Tx::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
  try {
    if constexpr (std::is_void_v<T>) {
      body(sql);
      if (tx != Tx::kNone) sql << "COMMIT";
    } else {
      T value = body(sql);
      if (tx != Tx::kNone) sql << "COMMIT";
      return value;
    }
  } catch (...) {
    if (tx != Tx::kNone) rollback_quietly(sql);
    throw;
  }
}

template <class T, class F>
T run_with_retries(soci::session& sql, bool sqlite, Tx tx, F& body) {
  for (int attempt = 1;; ++attempt) {
    try {
      return run_once<T>(sql, sqlite, tx, body);
    } catch (const soci::soci_error& e) {
      if (attempt >= kAttempts || !worth_retrying(e)) throw;
    }
  }
}

}  // namespace detail

// Runs `body(session)` on a leased session inside the requested transaction, turning every
// exception into a StorageError. `body` returns the T of the result; it may run more than once
// (after a rolled-back deadlock), so it must only read its inputs and the database.
template <class T, class F>
StoreResult<T> run(SessionPool& pool, Tx tx, F&& body) {
  std::optional<Lease> lease;
  try {
    lease.emplace(pool);
    if constexpr (std::is_void_v<T>) {
      detail::run_with_retries<T>(lease->session(), pool.sqlite(), tx, body);
      return {};
    } else {
      return detail::run_with_retries<T>(lease->session(), pool.sqlite(), tx, body);
    }
  } catch (const soci::soci_error& e) {
    return unexpected(storage_error(e, lease ? &*lease : nullptr, pool.sqlite()));
  } catch (const PoolExhausted& e) {
    return unexpected(StorageError{StorageError::Kind::kUnavailable, e.what()});
  } catch (const std::exception& e) {
    return unexpected(StorageError{StorageError::Kind::kOther, one_line(e.what())});
  } catch (...) {
    return unexpected(StorageError{StorageError::Kind::kOther, "unknown error in the store"});
  }
}

}  // namespace ock::server::storage
