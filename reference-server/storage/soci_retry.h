// The one way SociStore runs SQL: a store call's body on a leased session, inside the
// transaction it asks for (SQLite writes: on the writer's session, in a BEGIN IMMEDIATE
// transaction that other writes of the same moment may share: commit_in_group), run again when
// PostgreSQL broke a deadlock or a serialization conflict, with every exception turned into a
// StorageError, so no SOCI exception crosses into core. Internal to storage/ (includes SOCI).
#pragma once

#include <soci/soci.h>

#include <exception>
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

// BEGIN (BEGIN IMMEDIATE for a SQLite write), COMMIT and ROLLBACK on the leased session; on
// SQLite each is a statement prepared once per session.
void begin(Lease& db, bool sqlite, Tx tx);
void commit(Lease& db, bool sqlite);
// Rolls back whatever transaction the session may have open; never throws.
void rollback_quietly(Lease& db, bool sqlite);

// The StorageError for `e` raised on `lease` (null when no session was leased). A dropped
// PostgreSQL connection is reconnected on the way, so that the next call can work.
StorageError storage_error(const soci::soci_error& e, Lease* lease, bool sqlite);

// SQLite group commit: queues `job` for the writer's session and returns when the transaction
// that ran it has committed or failed (job.error). Whoever finds no batch running runs every
// job queued by then in one BEGIN IMMEDIATE ... COMMIT (each job inside a savepoint, so that a
// failing job undoes only its own changes), then wakes their threads; the jobs that queued up
// meanwhile go in the next batch. A reply waits for the commit of its own job, as before; the
// batch only shares one commit (and the WAL pages the jobs have in common) between requests.
void commit_in_group(SessionPool& pool, WriteJob& job);

namespace detail {

inline constexpr int kAttempts = 4;

// One attempt: BEGIN, the body, COMMIT; ROLLBACK when anything throws.
template <class T, class F>
T run_once(Lease& db, bool sqlite, Tx tx, F& body) {
  if (tx != Tx::kNone) begin(db, sqlite, tx);
  try {
    if constexpr (std::is_void_v<T>) {
      body(db);
      if (tx != Tx::kNone) commit(db, sqlite);
    } else {
      T value = body(db);
      if (tx != Tx::kNone) commit(db, sqlite);
      return value;
    }
  } catch (...) {
    if (tx != Tx::kNone) rollback_quietly(db, sqlite);
    throw;
  }
}

template <class T, class F>
T run_with_retries(Lease& db, bool sqlite, Tx tx, F& body) {
  for (int attempt = 1;; ++attempt) {
    try {
      return run_once<T>(db, sqlite, tx, body);
    } catch (const soci::soci_error& e) {
      if (attempt >= kAttempts || !worth_retrying(e)) throw;
    }
  }
}

}  // namespace detail

// Runs `body(lease)` on a leased session inside the requested transaction, turning every
// exception into a StorageError. `body` returns the T of the result; it may run more than once
// (after a rolled-back deadlock), so it must only read its inputs and the database.
template <class T, class F>
StoreResult<T> run(SessionPool& pool, Tx tx, F&& body) {
  std::optional<Lease> lease;
  try {
    if (tx == Tx::kWrite && pool.sqlite()) {
      // SQLite writers of this process share transactions rather than queueing in SQLite's
      // busy handler.
      if constexpr (std::is_void_v<T>) {
        WriteJob job{[&](Lease& db) { body(db); }, nullptr, false};
        commit_in_group(pool, job);
        if (job.error) std::rethrow_exception(job.error);
        return {};
      } else {
        std::optional<T> value;
        WriteJob job{[&](Lease& db) { value.emplace(body(db)); }, nullptr, false};
        commit_in_group(pool, job);
        if (job.error) std::rethrow_exception(job.error);
        return std::move(*value);
      }
    }
    lease.emplace(pool);
    if constexpr (std::is_void_v<T>) {
      detail::run_with_retries<T>(*lease, pool.sqlite(), tx, body);
      return {};
    } else {
      return detail::run_with_retries<T>(*lease, pool.sqlite(), tx, body);
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
