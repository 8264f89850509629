// SociStore's sessions: a SOCI connection pool opened on one database (SQLite or PostgreSQL),
// each session configured the same way and keeping the statements it has prepared, and the
// lease of one session for one store call. A thread gets back the session it had last time when
// that one is free (no lock on that path), so each request thread in effect has a session of
// its own, with its statements already prepared. Internal to storage/: only storage/soci_*
// files include SOCI, and nothing outside storage/ includes this header.
#pragma once

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "reference-server/storage/db_url.h"

namespace ock::server::storage {

// Thrown inside the store when no pooled session frees up in time.
struct PoolExhausted : std::runtime_error {
  PoolExhausted() : std::runtime_error("no database session became free within 30 s") {}
};

// What a session keeps prepared: a Prepared (through SOCI, either backend) or a
// NativeStatement (SQLite's own API).
class CachedStatement {
 public:
  CachedStatement() = default;
  virtual ~CachedStatement() = default;
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  // True once a run failed in a way that leaves the statement unfit to run again: the session
  // then prepares a new one on its next use (PreparedStatements::get).
  bool broken() const { return broken_; }

 protected:
  bool broken_ = false;
};

// One SQL statement prepared on one session and run again with new values: the text is parsed
// once per session, not once per call. A subclass declares its bound variables before calling
// prepare() (SOCI binds them by reference). Not copyable: the bindings point into the object.
class Prepared : public CachedStatement {
 public:
  explicit Prepared(soci::session& sql);

  // Runs the statement; true when it returned a row, whose columns are then in the
  // into-bindings. The statement is reset before this returns (or throws), so an idle session
  // keeps no read snapshot open.
  bool run_once();
  // Rows affected by the last run.
  long long affected_rows() { return st_.get_affected_rows(); }

  // For several rows: start(), then next() until it returns false; the statement is reset when
  // next() returns false or throws. A Rows left early resets it too.
  class Rows {
   public:
    explicit Rows(Prepared& p);
    ~Rows();
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;
    bool next();

   private:
    Prepared& p_;
    bool first_ = true;
    bool had_row_ = false;
  };

 protected:
  // Prepares `text` with the bindings already exchanged on st_.
  void prepare(const std::string& text);
  soci::statement st_;

 private:
  void reset() noexcept;
  bool sqlite_;
};

// A statement prepared with SQLite's own API on a SQLite session's connection, its rows read
// column by column: for a read on a hot path, where SOCI's per-column work (a virtual call, a
// type switch and a copy for each column of each row) costs more than SQLite's. SQLite only.
// Errors are thrown as soci::sqlite3_soci_error, as SOCI would.
class NativeStatement : public CachedStatement {
 public:
  NativeStatement(soci::session& sql, const std::string& text);
  ~NativeStatement() override;

  // For the rows of one run: next() until it returns false; the statement is reset when the
  // Rows ends (or next() throws), so an idle session keeps no read snapshot open.
  class Rows {
   public:
    explicit Rows(NativeStatement& st) : st_(st) {}
    ~Rows() { st_.reset(); }
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;
    bool next();

   private:
    NativeStatement& st_;
  };

  std::int64_t int64(int column) const;
  // The column's text; throws for NULL (as SOCI does without an indicator).
  std::string_view text(int column) const;
  bool null(int column) const;

 private:
  void reset() noexcept;
  sqlite_api::sqlite3* db_;
  sqlite_api::sqlite3_stmt* stmt_ = nullptr;
};

// Declares `struct Name { static constexpr const char* kSql = text; }`: a type naming one SQL
// text (or a piece of one), so that a statement template instantiated on it is a type of its own,
// which PreparedStatements keeps once per session.
#define OCK_SQL(Name, text)                   \
  struct Name {                               \
    static constexpr const char* kSql = text; \
  }

// The statements one session has prepared so far, one of each Query type (a CachedStatement
// subclass constructible from soci::session&).
class PreparedStatements {
 public:
  template <class Query>
  Query& get(soci::session& sql) {
    static const std::size_t id = next_query_id();
    if (id >= items_.size()) items_.resize(id + 1);
    if (items_[id] && items_[id]->broken()) items_[id].reset();
    if (!items_[id]) items_[id] = std::make_unique<Query>(sql);  // nothing kept if it throws
    return static_cast<Query&>(*items_[id]);
  }
  // Drops them all (before a reconnect: they belong to the old connection).
  void clear() { items_.clear(); }

 private:
  static std::size_t next_query_id();
  std::vector<std::unique_ptr<CachedStatement>> items_;
};

class Lease;

// One SQLite write transaction's work, handed to the group commit (storage/soci_retry.h,
// commit_in_group): `body` runs on the writer's session inside a transaction, maybe with other
// jobs' bodies in the same one; commit_in_group returns once that transaction has committed or
// failed.
struct WriteJob {
  std::function<void(Lease&)> body;  // throws on failure
  // The body's exception, or the failure of its batch's BEGIN or COMMIT.
  std::exception_ptr error;
  bool done = false;  // guarded by the queue's mutex
};

class SessionPool {
 public:
  // Opens and configures `size` sessions on `target` (SQLite: WAL, synchronous=NORMAL, foreign
  // keys, SQLite's own checkpoints only past 16 MiB of WAL; PostgreSQL: notices off), and on
  // SQLite one more, the writer's. Throws std::runtime_error "cannot open database <display>:
  // why" on the first session that fails.
  SessionPool(DbTarget target, std::size_t size);
  ~SessionPool();
  SessionPool(const SessionPool&) = delete;
  SessionPool& operator=(const SessionPool&) = delete;

  const DbTarget& target() const { return target_; }
  bool sqlite() const { return target_.backend == Backend::kSqlite; }

  // Taken around every SQLite write transaction of this process, which then runs on the
  // writer's session (Lease::kWriter): writers queue here and are woken the moment the lock is
  // free, instead of sleeping in SQLite's busy handler (which polls with sleeps of 1 to 100 ms),
  // and the one session that writes keeps its page cache (SQLite drops a session's cache
  // whenever another session has committed). Other processes still meet the busy timeout.
  std::mutex& write_mutex() { return write_mu_; }

  // The jobs waiting for the next SQLite write transaction (storage/soci_retry: commit_in_group).
  struct WriteQueue {
    std::mutex mu;
    std::condition_variable finished;
    std::vector<WriteJob*> pending;
    bool leading = false;  // a thread is running a batch
  };
  WriteQueue& write_queue() { return write_queue_; }

 private:
  friend class Lease;
  struct Slot {
    soci::session session;
    PreparedStatements statements;
    std::atomic<bool> busy{false};
  };

  Slot* try_take(std::size_t index);
  Slot* take_any();
  void give_back(Slot* slot);

  DbTarget target_;
  std::uint64_t id_;  // tells the pools apart in a thread's memory of its last session
  std::vector<std::unique_ptr<Slot>> slots_;
  std::unique_ptr<Slot> writer_;  // SQLite only; used under write_mu_
  // Waiting for a session when all are leased (rare: the pool has one per request thread).
  std::mutex wait_mu_;
  std::condition_variable freed_;
  std::atomic<int> waiters_{0};
  std::mutex write_mu_;
  WriteQueue write_queue_;
  // A shared-cache in-memory SQLite database reports table locks as SQLITE_LOCKED, which the
  // busy timeout does not cover, so its sessions take turns instead.
  std::mutex memory_mu_;
};

// One pooled session for the duration of one store call. Throws PoolExhausted when none frees
// up within 30 s.
class Lease {
 public:
  enum Role {
    kAny,     // any free session, preferably the one this thread had last time
    kWriter,  // SQLite: the writer's session; the caller holds the pool's write_mutex()
  };
  explicit Lease(SessionPool& pool, Role role = kAny);
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  soci::session& session() { return slot_->session; }
  // The statement of type Query on this session, prepared on first use.
  template <class Query>
  Query& prepared() {
    return slot_->statements.get<Query>(slot_->session);
  }
  // Reconnects a dropped PostgreSQL session (its prepared statements are dropped first).
  void reconnect();

 private:
  SessionPool& pool_;
  std::unique_lock<std::mutex> memory_lock_;
  SessionPool::Slot* slot_ = nullptr;
};

// Collapses a multi-line driver message into one line for logs and startup errors.
std::string one_line(std::string_view text);

}  // namespace ock::server::storage
