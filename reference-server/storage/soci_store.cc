#include "reference-server/storage/soci_store.h"

#include <soci/soci.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <thread>
#include <utility>

#include "reference-server/storage/db_url.h"
#include "reference-server/storage/schema.h"
#include "reference-server/storage/soci_pool.h"
#include "reference-server/storage/soci_retry.h"
#include "reference-server/storage/soci_rows.h"
#include "reference-server/storage/word_lists.h"

namespace ock::server {

using storage::ClientRow;
using storage::CodeRow;
using storage::run;
using storage::SessionRow;
using storage::TokenRow;
using storage::Tx;
using storage::UserRow;

namespace {

#ifdef OCK_HAVE_POSTGRESQL
constexpr bool kHavePostgresql = true;
#else
constexpr bool kHavePostgresql = false;
#endif

// Any constant works; it only has to be the same in every process that migrates this database.
constexpr std::int64_t kMigrationLockKey = 0x6f636b5f6d6967;  // "ock_mig"

// Adds `keys` as use-bindings (after any bindings `st` already has), then prepares `text`.
template <class... Keys>
void prepare(soci::statement& st, const std::string& text, Keys&... keys) {
  (st.exchange(soci::use(keys)), ...);
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
}

// Prepares `SELECT <the row's columns> <rest>` into `row`, with `keys` for the placeholders.
template <class Row, class... Keys>
void prepare_select(soci::statement& st, Row& row, const std::string& rest, Keys&... keys) {
  row.bind(st);
  prepare(st, std::string("SELECT ") + Row::kColumns + " " + rest, keys...);
}

// Runs `sql_text` with the given use-bindings and returns the number of rows it changed.
template <class... Args>
long long execute_count(soci::session& sql, const std::string& sql_text, Args&... args) {
  soci::statement st(sql);
  prepare(st, sql_text, args...);
  st.execute(true);
  return st.get_affected_rows();
}

// "INSERT INTO <table> (<Row::kColumns>) VALUES (:p1, :p2, ...)", one placeholder per column.
template <class Row>
std::string insert_sql(const std::string& table) {
  std::string columns = Row::kColumns;
  std::string values;
  int n = 1;
  for (char c : columns) {
    if (c == ',') values += ", :p" + std::to_string(++n);
  }
  return "INSERT INTO " + table + " (" + columns + ") VALUES (:p1" + values + ")";
}

// Inserts each record into `table` with one prepared statement.
template <class Row, class Record>
void insert_rows(soci::session& sql, const std::string& table, const std::vector<Record>& records) {
  if (records.empty()) return;
  Row row;
  soci::statement st(sql);
  row.bind_use(st);
  prepare(st, insert_sql<Row>(table));
  for (const auto& r : records) {
    row.assign(r);
    st.execute(true);
  }
}

void insert_tokens(soci::session& sql, const std::vector<TokenRecord>& records) {
  insert_rows<TokenRow>(sql, "tokens", records);
}

// The one row of `Row`'s table whose hash is `hash`, if any.
template <class Row>
std::optional<Row> select_by_hash(soci::session& sql, const std::string& table,
                                  const std::string& hash) {
  Row row;
  soci::statement st(sql);
  std::string key = hash;
  prepare_select(st, row, "FROM " + table + " WHERE hash = :hash", key);
  if (!st.execute(true)) return std::nullopt;
  return row;
}

std::vector<std::string> groups_of(soci::session& sql, std::int64_t user_id) {
  std::vector<std::string> out;
  std::string name;
  soci::statement st = (sql.prepare << "SELECT g.name FROM user_groups ug"
                                       " JOIN auth_groups g ON g.id = ug.group_id"
                                       " WHERE ug.user_id = :id ORDER BY g.name",
                        soci::use(user_id), soci::into(name));
  st.execute();
  while (st.fetch()) out.push_back(name);
  return out;
}

std::int64_t ensure_group_id(soci::session& sql, const std::string& name) {
  sql << "INSERT INTO auth_groups (name) VALUES (:name) ON CONFLICT (name) DO NOTHING",
      soci::use(name);
  std::int64_t id = 0;
  sql << "SELECT id FROM auth_groups WHERE name = :name", soci::use(name), soci::into(id);
  if (!sql.got_data()) throw std::runtime_error("group vanished while being assigned: " + name);
  return id;
}

std::vector<std::string> set_groups(soci::session& sql, std::int64_t user_id,
                                    const std::vector<std::string>& groups) {
  sql << "DELETE FROM user_groups WHERE user_id = :id", soci::use(user_id);
  std::vector<std::string> names = storage::sorted_unique(groups);
  for (const auto& name : names) {
    std::int64_t group_id = ensure_group_id(sql, name);
    sql << "INSERT INTO user_groups (user_id, group_id) VALUES (:u, :g)", soci::use(user_id),
        soci::use(group_id);
  }
  return names;
}

// The user matching `where` (one placeholder, bound to `key`), with their groups.
template <class Key>
std::optional<User> load_user(soci::session& sql, const std::string& where, Key key) {
  UserRow row;
  soci::statement st(sql);
  prepare_select(st, row, "FROM users WHERE " + where, key);
  if (!st.execute(true)) return std::nullopt;
  User user = row.to_user();
  user.groups = groups_of(sql, user.id);
  return user;
}

// PostgreSQL only: a transaction-scoped advisory lock per token family (hashtext collisions
// merely serialise two unrelated families). Released at COMMIT or ROLLBACK.
void lock_family(soci::session& sql, const std::string& family) {
  int one = 0;
  sql << "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:family))) AS l", soci::use(family),
      soci::into(one);
}

// Serialises concurrent migrators across processes (PostgreSQL; SQLite's BEGIN IMMEDIATE
// already does); released at COMMIT/ROLLBACK.
void lock_migrations(soci::session& sql) {
  int one = 0;
  sql << "SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) +
             ")) AS l",
      soci::into(one);
}

// The newest version recorded in schema_version; 0 for none.
int recorded_version(soci::session& sql) {
  int version = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM schema_version", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

// Applies every migration newer than the database's version; returns the version reached.
int apply_migrations(soci::session& sql, storage::Backend backend) {
  if (backend == storage::Backend::kPostgresql) lock_migrations(sql);
  sql << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
         " applied_at BIGINT NOT NULL)";
  int current = recorded_version(sql);
  const int latest = storage::latest_schema_version();
  if (current > latest) {
    throw std::runtime_error("the database schema is at version " + std::to_string(current) +
                             ", newer than the newest this build knows (" +
                             std::to_string(latest) + ")");
  }
  for (const storage::Migration& m : storage::migrations(backend)) {
    if (m.version <= current) continue;
    for (const std::string& statement : m.statements) sql << statement;
    int version = m.version;
    std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    sql << "INSERT INTO schema_version (version, applied_at) VALUES (:v, :t)", soci::use(version),
        soci::use(now);
    current = version;
  }
  return current;
}

}  // namespace

SociStore::SociStore(std::unique_ptr<storage::SessionPool> pool) : pool_(std::move(pool)) {}
SociStore::~SociStore() = default;

std::unique_ptr<SociStore> SociStore::open(const std::string& db_url, int pool_size) {
  if (pool_size < 1) throw std::runtime_error("the database pool size must be at least 1");
  auto pool = std::make_unique<storage::SessionPool>(storage::parse_db_url(db_url, kHavePostgresql),
                                                     static_cast<std::size_t>(pool_size));
  std::unique_ptr<SociStore> store(new SociStore(std::move(pool)));
  store->migrate();
  if (store->pool_->sqlite() && !store->pool_->target().memory) {
    auto file = run<std::string>(*store->pool_, Tx::kNone, [](soci::session& sql) {
      std::string name, path;
      int seq = 0;
      sql << "PRAGMA database_list", soci::into(seq), soci::into(name), soci::into(path);
      return path;
    });
    if (file && !file->empty()) store->wal_path_ = *file + "-wal";
  }
  return store;
}

std::string SociStore::backend() const { return pool_->sqlite() ? "sqlite" : "postgresql"; }

void SociStore::migrate() {
  const storage::Backend backend = pool_->target().backend;
  auto result = run<int>(*pool_, Tx::kWrite,
                         [&](soci::session& sql) { return apply_migrations(sql, backend); });
  if (!result) {
    throw std::runtime_error("cannot migrate database " + pool_->target().display + ": " +
                             result.error().message);
  }
}

int SociStore::schema_version() {
  auto result = run<int>(*pool_, Tx::kNone, recorded_version);
  if (!result)
    throw std::runtime_error("cannot read the schema version: " + result.error().message);
  return *result;
}

// ---- users -------------------------------------------------------------------------------

StoreResult<std::optional<User>> SociStore::find_user(std::string_view username) {
  std::string key(username);
  return run<std::optional<User>>(*pool_, Tx::kSnapshot, [&](soci::session& sql) {
    return load_user(sql, "username = :u", key);
  });
}

StoreResult<std::optional<User>> SociStore::find_user_by_id(std::int64_t id) {
  return run<std::optional<User>>(*pool_, Tx::kSnapshot, [&](soci::session& sql) {
    return load_user(sql, "id = :id", id);
  });
}

StoreResult<std::vector<User>> SociStore::list_users() {
  return run<std::vector<User>>(*pool_, Tx::kSnapshot, [&](soci::session& sql) {
    std::vector<User> users;
    std::map<std::int64_t, std::size_t> index;
    {
      UserRow row;
      soci::statement st(sql);
      prepare_select(st, row, "FROM users ORDER BY id");
      st.execute();
      while (st.fetch()) {
        index[row.id] = users.size();
        users.push_back(row.to_user());
      }
    }
    std::int64_t user_id = 0;
    std::string name;
    soci::statement st = (sql.prepare << "SELECT ug.user_id, g.name FROM user_groups ug"
                                         " JOIN auth_groups g ON g.id = ug.group_id"
                                         " ORDER BY ug.user_id, g.name",
                          soci::into(user_id), soci::into(name));
    st.execute();
    while (st.fetch()) {
      if (auto it = index.find(user_id); it != index.end())
        users[it->second].groups.push_back(name);
    }
    return users;
  });
}

StoreResult<User> SociStore::create_user(const User& user) {
  return run<User>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    User stored = user;
    int staff = user.staff ? 1 : 0;
    sql << "INSERT INTO users (username, email, first_name, last_name, staff, password_hash)"
           " VALUES (:username, :email, :first, :last, :staff, :password) RETURNING id",
        soci::use(user.username), soci::use(user.email), soci::use(user.first_name),
        soci::use(user.last_name), soci::use(staff), soci::use(user.password_hash),
        soci::into(stored.id);
    stored.groups = set_groups(sql, stored.id, user.groups);
    return stored;
  });
}

StoreResult<bool> SociStore::update_user(const User& user) {
  return run<bool>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    std::string username = user.username, email = user.email, first = user.first_name,
                last = user.last_name, password = user.password_hash;
    int staff = user.staff ? 1 : 0;
    std::int64_t id = user.id;
    long long changed = execute_count(
        sql,
        "UPDATE users SET username = :username, email = :email, first_name = :first,"
        " last_name = :last, staff = :staff, password_hash = :password WHERE id = :id",
        username, email, first, last, staff, password, id);
    if (changed == 0) return false;
    set_groups(sql, id, user.groups);
    return true;
  });
}

StoreResult<bool> SociStore::delete_user(std::int64_t id) {
  return run<bool>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    std::int64_t key = id;
    if (execute_count(sql, "DELETE FROM users WHERE id = :id", key) == 0) return false;
    sql << "DELETE FROM tokens WHERE user_id = :id", soci::use(key);
    sql << "DELETE FROM authorization_codes WHERE user_id = :id", soci::use(key);
    sql << "DELETE FROM login_sessions WHERE user_id = :id", soci::use(key);
    sql << "DELETE FROM user_groups WHERE user_id = :id", soci::use(key);
    return true;
  });
}

StoreResult<std::vector<std::string>> SociStore::list_groups() {
  return run<std::vector<std::string>>(*pool_, Tx::kNone, [](soci::session& sql) {
    std::vector<std::string> out;
    std::string name;
    soci::statement st =
        (sql.prepare << "SELECT name FROM auth_groups ORDER BY name", soci::into(name));
    st.execute();
    while (st.fetch()) out.push_back(name);
    return out;
  });
}

StoreResult<void> SociStore::ensure_group(std::string_view name) {
  std::string key(name);
  return run<void>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    sql << "INSERT INTO auth_groups (name) VALUES (:name) ON CONFLICT (name) DO NOTHING",
        soci::use(key);
  });
}

// ---- clients and scopes ------------------------------------------------------------------

StoreResult<std::optional<Client>> SociStore::find_client(std::string_view client_id) {
  std::string key(client_id);
  return run<std::optional<Client>>(*pool_, Tx::kNone, [&](soci::session& sql) {
    ClientRow row;
    soci::statement st(sql);
    prepare_select(st, row, "FROM clients WHERE client_id = :id", key);
    if (!st.execute(true)) return std::optional<Client>();
    return std::optional<Client>(row.to_client());
  });
}

StoreResult<std::vector<Client>> SociStore::list_clients() {
  return run<std::vector<Client>>(*pool_, Tx::kNone, [](soci::session& sql) {
    std::vector<Client> out;
    ClientRow row;
    soci::statement st(sql);
    prepare_select(st, row, "FROM clients ORDER BY client_id");
    st.execute();
    while (st.fetch()) {
      out.push_back(row.to_client());
      row.ttl_ind = soci::i_null;
    }
    return out;
  });
}

StoreResult<void> SociStore::create_client(const Client& client) {
  return run<void>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    insert_rows<ClientRow>(sql, "clients", std::vector<Client>{client});
  });
}

StoreResult<void> SociStore::upsert_scope(const Scope& scope) {
  return run<void>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    sql << "INSERT INTO scopes (name, description) VALUES (:name, :description)"
           " ON CONFLICT (name) DO UPDATE SET description = excluded.description",
        soci::use(scope.name), soci::use(scope.description);
  });
}

StoreResult<std::vector<Scope>> SociStore::list_scopes() {
  return run<std::vector<Scope>>(*pool_, Tx::kNone, [](soci::session& sql) {
    std::vector<Scope> out;
    Scope row;
    soci::statement st = (sql.prepare << "SELECT name, description FROM scopes ORDER BY name",
                          soci::into(row.name), soci::into(row.description));
    st.execute();
    while (st.fetch()) out.push_back(row);
    return out;
  });
}

// ---- tokens ------------------------------------------------------------------------------

StoreResult<void> SociStore::save_tokens(const std::vector<TokenRecord>& records) {
  return run<void>(*pool_, Tx::kWrite, [&](soci::session& sql) { insert_tokens(sql, records); });
}

StoreResult<std::optional<TokenRecord>> SociStore::find_token(std::string_view hash) {
  std::string key(hash);
  return run<std::optional<TokenRecord>>(*pool_, Tx::kNone, [&](soci::session& sql) {
    TokenRow row;
    soci::statement st(sql);
    prepare_select(st, row, "FROM tokens WHERE hash = :hash", key);
    if (!st.execute(true)) return std::optional<TokenRecord>();
    return std::optional<TokenRecord>(row.to_record());
  });
}

StoreResult<RotateOutcome> SociStore::rotate_refresh(std::string_view old_hash,
                                                     std::string_view client_id, std::int64_t now,
                                                     const std::vector<TokenRecord>& fresh) {
  std::string hash(old_hash);
  std::string client(client_id);
  return run<RotateOutcome>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    // SQLite already holds the database write lock (BEGIN IMMEDIATE). PostgreSQL first takes
    // the family's lock, so calls on tokens of one family queue up instead of deadlocking
    // (each would hold its own row and wait for the family's rows), then locks the row, so a
    // concurrent rotation of the same token waits here and then sees used = 1.
    if (!pool_->sqlite()) {
      std::string family;
      sql << "SELECT family FROM tokens WHERE hash = :hash", soci::use(hash), soci::into(family);
      if (!sql.got_data()) return RotateOutcome::kNotUsable;
      lock_family(sql, family);
    }
    std::string select =
        "SELECT kind, client_id, expires_at, revoked, used, family FROM tokens WHERE hash = :hash";
    if (!pool_->sqlite()) select += " FOR UPDATE";
    std::string kind, owner, family;
    std::int64_t expires_at = 0;
    int revoked = 0, used = 0;
    sql << select, soci::use(hash), soci::into(kind), soci::into(owner), soci::into(expires_at),
        soci::into(revoked), soci::into(used), soci::into(family);
    if (!sql.got_data() || kind != "refresh" || revoked != 0 || owner != client) {
      return RotateOutcome::kNotUsable;
    }
    if (used != 0) {
      sql << "UPDATE tokens SET revoked = 1 WHERE family = :family AND revoked = 0",
          soci::use(family);
      return RotateOutcome::kReused;
    }
    if (expires_at <= now) return RotateOutcome::kNotUsable;
    sql << "UPDATE tokens SET used = 1 WHERE hash = :hash", soci::use(hash);
    insert_tokens(sql, fresh);
    return RotateOutcome::kRotated;
  });
}

StoreResult<bool> SociStore::revoke_token(std::string_view hash) {
  std::string key(hash);
  return run<bool>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    return execute_count(sql, "UPDATE tokens SET revoked = 1 WHERE hash = :hash", key) > 0;
  });
}

StoreResult<int> SociStore::revoke_family(std::string_view family) {
  std::string key(family);
  return run<int>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    if (!pool_->sqlite()) lock_family(sql, key);
    return static_cast<int>(execute_count(
        sql, "UPDATE tokens SET revoked = 1 WHERE family = :family AND revoked = 0", key));
  });
}

StoreResult<int> SociStore::purge_expired(std::int64_t before) {
  return run<int>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    std::int64_t key = before;
    return static_cast<int>(
        execute_count(sql, "DELETE FROM tokens WHERE expires_at < :before", key));
  });
}

StoreResult<void> SociStore::checkpoint_journal() {
  if (!pool_->sqlite() || wal_path_.empty()) return {};
  // Under a steady load some reader always holds an older snapshot, so SQLite's own checkpoints
  // seldom get to restart the WAL and it grows by tens of MB a second. Past 8 MiB, the
  // truncating checkpoint waits (busy timeout) for those readers, holding new writers back for
  // that moment, copies the WAL into the database and empties it.
  constexpr std::uintmax_t kTruncateAboveBytes = 8u * 1024 * 1024;
  std::error_code ec;
  const auto size = std::filesystem::file_size(wal_path_, ec);
  if (ec || size <= kTruncateAboveBytes) return {};
  // A checkpoint that finds another one running (SQLite's own, started by a commit) is refused
  // at once rather than waiting: try again for a little while.
  return run<void>(*pool_, Tx::kNone, [&](soci::session& sql) {
    int busy = 1, wal_frames = 0, moved = 0;
    for (int tries = 0; busy != 0 && tries < 50; ++tries) {
      if (tries > 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      sql << "PRAGMA wal_checkpoint(TRUNCATE)", soci::into(busy), soci::into(wal_frames),
          soci::into(moved);
    }
  });
}

// ---- authorization codes and login sessions ----------------------------------------------

StoreResult<void> SociStore::save_code(const AuthorizationCode& code) {
  return run<void>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    insert_rows<CodeRow>(sql, "authorization_codes", std::vector<AuthorizationCode>{code});
  });
}

StoreResult<std::optional<AuthorizationCode>> SociStore::find_code(std::string_view hash) {
  std::string key(hash);
  return run<std::optional<AuthorizationCode>>(*pool_, Tx::kNone, [&](soci::session& sql) {
    auto row = select_by_hash<CodeRow>(sql, "authorization_codes", key);
    return row ? std::optional<AuthorizationCode>(row->to_code()) : std::nullopt;
  });
}

StoreResult<RedeemOutcome> SociStore::redeem_code(std::string_view hash, std::string_view client_id,
                                                  std::int64_t now,
                                                  const std::vector<TokenRecord>& tokens) {
  std::string key(hash);
  std::string client(client_id);
  return run<RedeemOutcome>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    // As in rotate_refresh: SQLite holds the write lock already (BEGIN IMMEDIATE); PostgreSQL
    // takes the family's lock (the one revoke_family and rotate_refresh take), then the code's
    // row, so a concurrent redemption of the same code waits here and then sees used = 1.
    if (!pool_->sqlite()) {
      std::string family;
      sql << "SELECT family FROM authorization_codes WHERE hash = :hash", soci::use(key),
          soci::into(family);
      if (!sql.got_data()) return RedeemOutcome::kNotUsable;
      lock_family(sql, family);
    }
    std::string select =
        "SELECT client_id, expires_at, used, family FROM authorization_codes"
        " WHERE hash = :hash";
    if (!pool_->sqlite()) select += " FOR UPDATE";
    std::string owner, family;
    std::int64_t expires_at = 0;
    int used = 0;
    sql << select, soci::use(key), soci::into(owner), soci::into(expires_at), soci::into(used),
        soci::into(family);
    if (!sql.got_data() || owner != client) return RedeemOutcome::kNotUsable;
    if (used != 0) {
      sql << "UPDATE tokens SET revoked = 1 WHERE family = :family AND revoked = 0",
          soci::use(family);
      return RedeemOutcome::kReused;
    }
    if (expires_at <= now) return RedeemOutcome::kNotUsable;
    sql << "UPDATE authorization_codes SET used = 1 WHERE hash = :hash", soci::use(key);
    insert_tokens(sql, tokens);
    return RedeemOutcome::kRedeemed;
  });
}

StoreResult<int> SociStore::purge_codes(std::int64_t before) {
  return run<int>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    std::int64_t key = before;
    return static_cast<int>(
        execute_count(sql, "DELETE FROM authorization_codes WHERE expires_at < :before", key));
  });
}

StoreResult<void> SociStore::save_session(const LoginSession& session) {
  return run<void>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    insert_rows<SessionRow>(sql, "login_sessions", std::vector<LoginSession>{session});
  });
}

StoreResult<std::optional<LoginSession>> SociStore::find_session(std::string_view hash) {
  std::string key(hash);
  return run<std::optional<LoginSession>>(*pool_, Tx::kNone, [&](soci::session& sql) {
    auto row = select_by_hash<SessionRow>(sql, "login_sessions", key);
    return row ? std::optional<LoginSession>(row->to_session()) : std::nullopt;
  });
}

StoreResult<bool> SociStore::touch_session(std::string_view hash, std::int64_t expires_at) {
  std::string key(hash);
  return run<bool>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    std::int64_t when = expires_at;
    return execute_count(sql, "UPDATE login_sessions SET expires_at = :at WHERE hash = :hash", when,
                         key) > 0;
  });
}

StoreResult<bool> SociStore::delete_session(std::string_view hash) {
  std::string key(hash);
  return run<bool>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    return execute_count(sql, "DELETE FROM login_sessions WHERE hash = :hash", key) > 0;
  });
}

StoreResult<int> SociStore::purge_sessions(std::int64_t before) {
  return run<int>(*pool_, Tx::kWrite, [&](soci::session& sql) {
    std::int64_t key = before;
    return static_cast<int>(
        execute_count(sql, "DELETE FROM login_sessions WHERE expires_at < :before", key));
  });
}

}  // namespace ock::server
