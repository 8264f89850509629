#include "reference-server/storage/soci_retry.h"

#include <soci/sqlite3/soci-sqlite3.h>
#ifdef OCK_HAVE_POSTGRESQL
#include <soci/postgresql/soci-postgresql.h>
#endif

#include <string>
#include <vector>

namespace ock::server::storage {

StorageError classify(const soci::soci_error& e) {
  // get_error_message() leaves out SOCI's context, which quotes the bound values (password
  // hashes, token hashes) and must not reach a log.
  std::string message = one_line(e.get_error_message());
  if (const auto* s = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    int code = s->result() & 0xff;
    if (code == 19 && message.find("UNIQUE") != std::string::npos) {
      return {StorageError::Kind::kConflict, message};
    }
    if (code == 5 || code == 6) return {StorageError::Kind::kUnavailable, message};  // BUSY, LOCKED
  }
#ifdef OCK_HAVE_POSTGRESQL
  if (const auto* p = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    std::string state = p->sqlstate();
    if (state == "23505") return {StorageError::Kind::kConflict, message};
    // No SQLSTATE means libpq itself failed (lost connection); 08 connection, 57P0x shutdown,
    // 40001/40P01 serialization failure and deadlock: all worth a retry by the caller.
    if (state.empty() || state.starts_with("08") || state.starts_with("57P0") ||
        state == "40001" || state == "40P01") {
      return {StorageError::Kind::kUnavailable, message};
    }
  }
#endif
  if (e.get_error_category() == soci::soci_error::connection_error) {
    return {StorageError::Kind::kUnavailable, message};
  }
  return {StorageError::Kind::kOther, message};
}

bool worth_retrying(const soci::soci_error& e) {
#ifdef OCK_HAVE_POSTGRESQL
  if (const auto* p = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    std::string state = p->sqlstate();
    return state == "40P01" || state == "40001";
  }
#else
  (void)e;
#endif
  return false;
}

namespace {

// A transaction-control statement, prepared once per SQLite session.
template <class Text>
struct Control final : Prepared {
  explicit Control(soci::session& sql) : Prepared(sql) { prepare(Text::kSql); }
};

OCK_SQL(BeginText, "BEGIN");
OCK_SQL(BeginImmediateText, "BEGIN IMMEDIATE");
OCK_SQL(CommitText, "COMMIT");
OCK_SQL(RollbackText, "ROLLBACK");
OCK_SQL(SavepointText, "SAVEPOINT ock_job");
OCK_SQL(ReleaseText, "RELEASE ock_job");
OCK_SQL(RollbackToText, "ROLLBACK TO ock_job");

// At most this many jobs share one transaction.
constexpr std::size_t kMaxBatch = 64;

// Runs `batch` on the writer's session `db` in one transaction; never throws: every failure
// lands in the jobs' error.
void run_batch(Lease& db, const std::vector<WriteJob*>& batch) {
  const auto fail_all = [&](std::exception_ptr e) {
    for (WriteJob* job : batch) {
      if (!job->error) job->error = e;
    }
  };
  try {
    begin(db, true, Tx::kWrite);
  } catch (...) {
    fail_all(std::current_exception());
    return;
  }
  if (batch.size() == 1) {
    try {
      batch.front()->body(db);
    } catch (...) {
      batch.front()->error = std::current_exception();
      rollback_quietly(db, true);
      return;
    }
  } else {
    for (WriteJob* job : batch) {
      try {
        db.prepared<Control<SavepointText>>().run_once();
      } catch (...) {
        fail_all(std::current_exception());
        rollback_quietly(db, true);
        return;
      }
      try {
        job->body(db);
        db.prepared<Control<ReleaseText>>().run_once();
      } catch (...) {
        job->error = std::current_exception();
        try {
          db.prepared<Control<RollbackToText>>().run_once();
          db.prepared<Control<ReleaseText>>().run_once();
        } catch (...) {
          // The transaction itself is gone (SQLite rolls back on some errors): so is every job.
          fail_all(std::current_exception());
          rollback_quietly(db, true);
          return;
        }
      }
    }
  }
  try {
    commit(db, true);
  } catch (...) {
    fail_all(std::current_exception());
    rollback_quietly(db, true);
  }
}

}  // namespace

void commit_in_group(SessionPool& pool, WriteJob& job) {
  SessionPool::WriteQueue& q = pool.write_queue();
  std::unique_lock lock(q.mu);
  q.pending.push_back(&job);
  while (!job.done) {
    if (q.leading) {
      q.finished.wait(lock);
      continue;
    }
    q.leading = true;
    std::vector<WriteJob*> batch;
    if (q.pending.size() <= kMaxBatch) {
      batch.swap(q.pending);
    } else {
      batch.assign(q.pending.begin(), q.pending.begin() + kMaxBatch);
      q.pending.erase(q.pending.begin(), q.pending.begin() + kMaxBatch);
    }
    lock.unlock();
    try {
      std::lock_guard writing(pool.write_mutex());
      Lease db(pool, Lease::kWriter);
      run_batch(db, batch);
    } catch (...) {  // the lease: PoolExhausted cannot happen for the writer; anything else
      for (WriteJob* j : batch) {
        if (!j->error) j->error = std::current_exception();
      }
    }
    lock.lock();
    for (WriteJob* j : batch) j->done = true;
    q.leading = false;
    q.finished.notify_all();
  }
}

void begin(Lease& db, bool sqlite, Tx tx) {
  if (!sqlite) {
    db.session() << "BEGIN";
  } else if (tx == Tx::kWrite) {
    db.prepared<Control<BeginImmediateText>>().run_once();
  } else {
    db.prepared<Control<BeginText>>().run_once();
  }
}

void commit(Lease& db, bool sqlite) {
  if (sqlite) {
    db.prepared<Control<CommitText>>().run_once();
  } else {
    db.session() << "COMMIT";
  }
}

void rollback_quietly(Lease& db, bool sqlite) {
  try {
    if (sqlite) {
      db.prepared<Control<RollbackText>>().run_once();
    } else {
      db.session() << "ROLLBACK";
    }
  } catch (...) {  // NOLINT(bugprone-empty-catch): the transaction may already be gone
  }
}

StorageError storage_error(const soci::soci_error& e, Lease* lease, bool sqlite) {
  StorageError err = classify(e);
  if (lease != nullptr && err.kind == StorageError::Kind::kUnavailable && !sqlite) {
    // A dropped PostgreSQL connection stays dropped; reconnect now so the next call can work.
    try {
      lease->reconnect();
    } catch (...) {  // NOLINT(bugprone-empty-catch): still down; the next call reports it
    }
  }
  return err;
}

}  // namespace ock::server::storage
