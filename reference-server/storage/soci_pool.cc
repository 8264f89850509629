#include "reference-server/storage/soci_pool.h"

#include <soci/sqlite3/soci-sqlite3.h>
#ifdef OCK_HAVE_POSTGRESQL
#include <soci/postgresql/soci-postgresql.h>
#endif

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>
#include <utility>

#include "reference-server/storage/sqlite_vfs.h"

namespace ock::server::storage {
namespace {

constexpr auto kLeaseTimeout = std::chrono::seconds(30);
constexpr long kWalSizeLimitBytes = 16L * 1024 * 1024;
// SQLite checkpoints on its own, in the thread that commits, once the WAL holds this many pages
// (16 MiB). The housekeeping thread's checkpoints (SociStore::checkpoint_journal, every 50 ms)
// normally keep the WAL far below; this is the backstop for a store without one (the admin
// commands) or a burst it did not keep up with. SQLite's default, 1,000 pages, put a checkpoint
// with two fdatasyncs on the request path several times a second under a token load.
constexpr int kAutoCheckpointPages = 4096;

// Process-wide SQLite settings, made before SQLite initialises (the first open); when SQLite is
// already initialised (another part of the process opened a database first) the calls are
// refused and change nothing.
// - Memory statistics off: SQLite keeps them under one process-wide mutex taken on every
//   allocation (sqlite3_status); nothing here reads them.
// - Multi-thread mode: no mutex around every call on a connection. A pooled session is used by
//   one thread at a time (Lease), which is all this mode asks.
void configure_sqlite() {
  static const bool done = [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    return true;
  }();
  (void)done;
}

// Switches a SQLite session to WAL. On a fresh file the switch needs the exclusive lock, and
// SQLite refuses it at once, without its busy timeout, when waiting could deadlock (another
// connection opening the same file holds a lock this one must wait for); several processes or
// pools opening one new file meet that. The switch is retried for as long as the busy timeout
// would have waited.
void switch_to_wal(soci::session& sql) {
  constexpr auto kWaitAtMost = std::chrono::seconds(5);
  const auto deadline = std::chrono::steady_clock::now() + kWaitAtMost;
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    try {
      std::string mode;
      sql << "PRAGMA journal_mode=WAL", soci::into(mode);
      return;
    } catch (const soci::sqlite3_soci_error& e) {
      const int code = e.result() & 0xff;
      const bool busy = code == SQLITE_BUSY || code == SQLITE_LOCKED;
      if (!busy || std::chrono::steady_clock::now() + pause > deadline) throw;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

void configure_session(soci::session& sql, Backend backend) {
  if (backend == Backend::kSqlite) {
    switch_to_wal(sql);
    // In WAL mode a commit is in the WAL file (in the OS) before COMMIT returns, so it survives
    // the process being killed; only a crash of the machine may lose the last commits.
    sql << "PRAGMA synchronous=NORMAL";
    // After a checkpoint resets the WAL, the file is cut back to this size instead of keeping
    // its high-water mark on disk (the housekeeping thread checkpoints every 50 ms).
    long limit = 0;
    sql << "PRAGMA journal_size_limit=" << kWalSizeLimitBytes, soci::into(limit);
    int pages = 0;
    sql << "PRAGMA wal_autocheckpoint=" << kAutoCheckpointPages, soci::into(pages);
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

std::atomic<std::uint64_t> next_pool_id{1};

// The session this thread leased last time: (pool id, slot index).
struct LastSession {
  std::uint64_t pool = 0;
  std::size_t index = 0;
};
thread_local LastSession last_session;

}  // namespace

// ---- prepared statements ------------------------------------------------------------------

Prepared::Prepared(soci::session& sql) : st_(sql), sqlite_(sql.get_backend_name() == "sqlite3") {}

void Prepared::prepare(const std::string& text) {
  st_.alloc();
  st_.prepare(text);
  st_.define_and_bind();
}

void Prepared::reset() noexcept {
  // SOCI 4.0.3 leaves a SQLite statement that returned a row un-reset until its next run; in
  // autocommit mode that keeps a read transaction (and its WAL snapshot) open on an idle
  // session. PostgreSQL statements hold nothing between runs.
  if (!sqlite_) return;
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(st_.get_backend());
  if (backend != nullptr && backend->stmt_ != nullptr) sqlite_api::sqlite3_reset(backend->stmt_);
}

bool Prepared::run_once() {
  Rows rows(*this);
  return rows.next();
}

Prepared::Rows::Rows(Prepared& p) : p_(p) {}

Prepared::Rows::~Rows() { p_.reset(); }

bool Prepared::Rows::next() {
  try {
    if (first_) {
      first_ = false;
      had_row_ = p_.st_.execute(true);
    } else if (had_row_) {
      had_row_ = p_.st_.fetch();
    }
  } catch (...) {
    // SOCI 4.0.3's PostgreSQL backend frees a bound value's text buffer only after a run that
    // succeeded (post_use); after a failed one, the next run would allocate it again and lose
    // the old one. Destroying the statement frees it (clean_up), so a failed PostgreSQL
    // statement is not run again. SQLite's bindings hold no such buffer.
    if (!p_.sqlite_) p_.broken_ = true;
    throw;
  }
  if (!had_row_) p_.reset();
  return had_row_;
}

NativeStatement::NativeStatement(soci::session& sql, const std::string& text)
    : db_(static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_) {
  const int rc = sqlite_api::sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()),
                                                SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    sqlite_api::sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    throw soci::sqlite3_soci_error(
        std::string("sqlite3_prepare_v3: ") + sqlite_api::sqlite3_errmsg(db_), rc);
  }
}

NativeStatement::~NativeStatement() { sqlite_api::sqlite3_finalize(stmt_); }

void NativeStatement::reset() noexcept { sqlite_api::sqlite3_reset(stmt_); }

bool NativeStatement::Rows::next() {
  const int rc = sqlite_api::sqlite3_step(st_.stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw soci::sqlite3_soci_error(
      std::string("sqlite3_step: ") + sqlite_api::sqlite3_errmsg(st_.db_), rc);
}

std::int64_t NativeStatement::int64(int column) const {
  if (null(column)) throw soci::soci_error("Null value fetched and no indicator defined.");
  return sqlite_api::sqlite3_column_int64(stmt_, column);
}

std::string_view NativeStatement::text(int column) const {
  const auto* p = sqlite_api::sqlite3_column_text(stmt_, column);
  if (p == nullptr) throw soci::soci_error("Null value fetched and no indicator defined.");
  const int n = sqlite_api::sqlite3_column_bytes(stmt_, column);
  return std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

bool NativeStatement::null(int column) const {
  return sqlite_api::sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::size_t PreparedStatements::next_query_id() {
  static std::atomic<std::size_t> next{0};
  return next.fetch_add(1);
}

// ---- the pool -------------------------------------------------------------------------------

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
    : target_(std::move(target)), id_(next_pool_id.fetch_add(1)) {
  if (target_.backend == Backend::kSqlite) configure_sqlite();
  const soci::backend_factory& factory = factory_of(target_.backend);
  std::string connect = target_.connect;
  // A file database writes each WAL frame with one pwrite (storage/sqlite_vfs.h).
  if (sqlite() && !target_.memory) {
    if (const char* vfs = wal_frame_vfs()) connect += std::string(" vfs=") + vfs;
  }
  const std::size_t sessions = size + (sqlite() ? 1 : 0);
  for (std::size_t i = 0; i < sessions; ++i) {
    auto slot = std::make_unique<Slot>();
    try {
      soci::session& sql = slot->session;
      sql.open(factory, connect);
      configure_session(sql, target_.backend);
      if (sqlite() && i == size) {
        writer_ = std::move(slot);
      } else {
        slots_.push_back(std::move(slot));
      }
    } catch (const std::exception& e) {
      // SOCI's own prefix adds nothing to "cannot open database".
      std::string why = one_line(e.what());
      constexpr std::string_view kSociPrefix = "Cannot establish connection to the database. ";
      if (std::string_view(why).starts_with(kSociPrefix)) why.erase(0, kSociPrefix.size());
      throw std::runtime_error("cannot open database " + target_.display + ": " + why);
    }
  }
}

SessionPool::~SessionPool() {
  // Statements before their sessions.
  for (auto& slot : slots_) slot->statements.clear();
  if (writer_) writer_->statements.clear();
}

SessionPool::Slot* SessionPool::try_take(std::size_t index) {
  Slot* slot = slots_[index].get();
  bool expected = false;
  if (!slot->busy.compare_exchange_strong(expected, true, std::memory_order_acquire))
    return nullptr;
  return slot;
}

SessionPool::Slot* SessionPool::take_any() {
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (Slot* slot = try_take(i)) {
      last_session = LastSession{id_, i};
      return slot;
    }
  }
  return nullptr;
}

void SessionPool::give_back(Slot* slot) {
  slot->busy.store(false, std::memory_order_seq_cst);
  if (waiters_.load(std::memory_order_seq_cst) > 0) {
    // Under the waiters' mutex, so that a waiter between its scan and its wait cannot miss it.
    { std::lock_guard lock(wait_mu_); }
    freed_.notify_all();
  }
}

Lease::Lease(SessionPool& pool, Role role) : pool_(pool) {
  if (pool.target_.memory) memory_lock_ = std::unique_lock(pool.memory_mu_);
  if (role == kWriter && pool.writer_) {
    slot_ = pool.writer_.get();
    slot_->busy.store(true, std::memory_order_relaxed);
    return;
  }
  if (last_session.pool == pool.id_) slot_ = pool.try_take(last_session.index);
  if (slot_ == nullptr) slot_ = pool.take_any();
  if (slot_ != nullptr) return;
  std::unique_lock lock(pool.wait_mu_);
  pool.waiters_.fetch_add(1, std::memory_order_seq_cst);
  const auto deadline = std::chrono::steady_clock::now() + kLeaseTimeout;
  while ((slot_ = pool.take_any()) == nullptr) {
    if (pool.freed_.wait_until(lock, deadline) == std::cv_status::timeout) {
      slot_ = pool.take_any();
      if (slot_ != nullptr) break;
      pool.waiters_.fetch_sub(1, std::memory_order_seq_cst);
      throw PoolExhausted();
    }
  }
  pool.waiters_.fetch_sub(1, std::memory_order_seq_cst);
}

Lease::~Lease() {
  if (slot_ == pool_.writer_.get()) {
    slot_->busy.store(false, std::memory_order_relaxed);
  } else {
    pool_.give_back(slot_);
  }
}

void Lease::reconnect() {
  slot_->statements.clear();
  slot_->session.reconnect();
}

}  // namespace ock::server::storage
