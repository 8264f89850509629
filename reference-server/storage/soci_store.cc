#include "reference-server/storage/soci_store.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <utility>

#include "reference-server/storage/db_url.h"
#include "reference-server/storage/schema.h"
#include "reference-server/storage/soci_pool.h"
#include "reference-server/storage/soci_retry.h"
#include "reference-server/storage/soci_rows.h"
#include "reference-server/storage/read_cache.h"
#include "reference-server/storage/token_cache.h"
#include "reference-server/storage/word_lists.h"

namespace ock::server {

using storage::ClientRow;
using storage::CodeRow;
using storage::Lease;
using storage::Prepared;
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

// The token cache (SQLite): records read in the last second, at most this many (about 3 MB).
constexpr std::size_t kTokenCacheEntries = 10000;
constexpr auto kTokenCacheMaxAge = std::chrono::seconds(1);

// Users (by name) and the scope list (SQLite): read in the last second, at most this many users.
constexpr std::size_t kUserCacheEntries = 1000;
constexpr auto kReadCacheMaxAge = std::chrono::seconds(1);

// Clients kept in memory once read (they are never changed or deleted: see find_client).
constexpr std::size_t kClientCacheEntries = 1000;

// Any constant works; it only has to be the same in every process that migrates this database.
constexpr std::int64_t kMigrationLockKey = 0x6f636b5f6d6967;  // "ock_mig"

// ---- statements prepared once per session ---------------------------------------------------
// Each type below is one SQL text with its bound variables; storage::Lease::prepared<T>() gives
// the session's instance, prepared on first use. A text is a type (a struct with kSql) so that
// each statement has a type of its own.

// Adds a use-binding for each of `keys`, in order.
template <class... Keys>
void use_all(soci::statement& st, Keys&... keys) {
  (st.exchange(soci::use(keys)), ...);
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

// `SELECT <Row's columns> <Rest::kSql>` into `row`, with `keys` for Rest's placeholders.
template <class Row, class Rest, class... Keys>
struct Select final : Prepared {
  Row row;
  std::tuple<Keys...> keys;
  explicit Select(soci::session& sql) : Prepared(sql) {
    row.bind(st_);
    std::apply([&](auto&... k) { use_all(st_, k...); }, keys);
    prepare(std::string("SELECT ") + Row::kColumns + " " + Rest::kSql);
  }
  // The first row for these keys, if any.
  bool find(const Keys&... values) {
    keys = std::tuple<Keys...>(values...);
    return run_once();
  }
};

// A statement without results (UPDATE, DELETE, INSERT) with `keys` for its placeholders.
template <class Text, class... Keys>
struct Exec final : Prepared {
  std::tuple<Keys...> keys;
  explicit Exec(soci::session& sql) : Prepared(sql) {
    std::apply([&](auto&... k) { use_all(st_, k...); }, keys);
    prepare(Text::kSql);
  }
  // Runs it; the number of rows it changed.
  long long run(const Keys&... values) {
    keys = std::tuple<Keys...>(values...);
    run_once();
    return affected_rows();
  }
};

// INSERT of every column of a Row into the table Table::kSql.
template <class Row, class Table>
struct Insert final : Prepared {
  Row row;
  explicit Insert(soci::session& sql) : Prepared(sql) {
    row.bind_use(st_);
    prepare(insert_sql<Row>(Table::kSql));
  }
};

OCK_SQL(TokensTable, "tokens");
OCK_SQL(ClientsTable, "clients");
OCK_SQL(CodesTable, "authorization_codes");
OCK_SQL(SessionsTable, "login_sessions");

OCK_SQL(TokenByHash, "FROM tokens WHERE hash = :hash");
OCK_SQL(ClientById, "FROM clients WHERE client_id = :id");
OCK_SQL(CodeByHash, "FROM authorization_codes WHERE hash = :hash");
OCK_SQL(SessionByHash, "FROM login_sessions WHERE hash = :hash");

OCK_SQL(RevokeToken, "UPDATE tokens SET revoked = 1 WHERE hash = :hash");
OCK_SQL(RevokeFamily, "UPDATE tokens SET revoked = 1 WHERE family = :family AND revoked = 0");
OCK_SQL(MarkTokenUsed, "UPDATE tokens SET used = 1 WHERE hash = :hash");
OCK_SQL(MarkCodeUsed, "UPDATE authorization_codes SET used = 1 WHERE hash = :hash");
OCK_SQL(TouchSession, "UPDATE login_sessions SET expires_at = :at WHERE hash = :hash");
OCK_SQL(DeleteSession, "DELETE FROM login_sessions WHERE hash = :hash");
OCK_SQL(PurgeTokens, "DELETE FROM tokens WHERE expires_at < :before");
OCK_SQL(PurgeCodes, "DELETE FROM authorization_codes WHERE expires_at < :before");
OCK_SQL(PurgeSessions, "DELETE FROM login_sessions WHERE expires_at < :before");


using FindToken = Select<TokenRow, TokenByHash, std::string>;
using FindClient = Select<ClientRow, ClientById, std::string>;
using FindCode = Select<CodeRow, CodeByHash, std::string>;
using FindSession = Select<SessionRow, SessionByHash, std::string>;

// The family of a token or a code (PostgreSQL's first step of rotate_refresh and redeem_code).
template <class Text>
struct FamilyOf final : Prepared {
  std::string hash, family;
  explicit FamilyOf(soci::session& sql) : Prepared(sql) {
    st_.exchange(soci::use(hash));
    st_.exchange(soci::into(family));
    prepare(Text::kSql);
  }
};
struct TokenFamilyText {
  static constexpr const char* kSql = "SELECT family FROM tokens WHERE hash = :hash";
};
struct CodeFamilyText {
  static constexpr const char* kSql = "SELECT family FROM authorization_codes WHERE hash = :hash";
};

// The columns rotate_refresh judges a refresh token by; FOR UPDATE on PostgreSQL.
template <bool kForUpdate>
struct RefreshState final : Prepared {
  std::string hash, kind, owner, family;
  std::int64_t expires_at = 0;
  int revoked = 0, used = 0;
  explicit RefreshState(soci::session& sql) : Prepared(sql) {
    st_.exchange(soci::use(hash));
    st_.exchange(soci::into(kind));
    st_.exchange(soci::into(owner));
    st_.exchange(soci::into(expires_at));
    st_.exchange(soci::into(revoked));
    st_.exchange(soci::into(used));
    st_.exchange(soci::into(family));
    prepare(std::string("SELECT kind, client_id, expires_at, revoked, used, family FROM tokens"
                        " WHERE hash = :hash") +
            (kForUpdate ? " FOR UPDATE" : ""));
  }
};

// The columns redeem_code judges a code by; FOR UPDATE on PostgreSQL.
template <bool kForUpdate>
struct CodeState final : Prepared {
  std::string hash, owner, family;
  std::int64_t expires_at = 0;
  int used = 0;
  explicit CodeState(soci::session& sql) : Prepared(sql) {
    st_.exchange(soci::use(hash));
    st_.exchange(soci::into(owner));
    st_.exchange(soci::into(expires_at));
    st_.exchange(soci::into(used));
    st_.exchange(soci::into(family));
    prepare(std::string("SELECT client_id, expires_at, used, family FROM authorization_codes"
                        " WHERE hash = :hash") +
            (kForUpdate ? " FOR UPDATE" : ""));
  }
};

// Users with their groups in one statement (one row per group; a user without groups has one
// row whose group is NULL), so that one read needs no transaction to be consistent.
constexpr const char* kUsersWithGroups =
    "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.staff, u.password_hash,"
    " g.name FROM users u LEFT JOIN user_groups ug ON ug.user_id = u.id"
    " LEFT JOIN auth_groups g ON g.id = ug.group_id";

template <class Where, class... Keys>
struct UsersWithGroups final : Prepared {
  UserRow row;
  std::string group;
  soci::indicator group_ind = soci::i_null;
  std::tuple<Keys...> keys;
  explicit UsersWithGroups(soci::session& sql) : Prepared(sql) {
    row.bind(st_);
    st_.exchange(soci::into(group, group_ind));
    std::apply([&](auto&... k) { use_all(st_, k...); }, keys);
    prepare(std::string(kUsersWithGroups) + " " + Where::kSql);
  }
  // The users (with groups) for these keys, in the statement's order.
  std::vector<User> load(const Keys&... values) {
    keys = std::tuple<Keys...>(values...);
    std::vector<User> users;
    Rows rows(*this);
    while (rows.next()) {
      if (users.empty() || users.back().id != row.id) users.push_back(row.to_user());
      if (group_ind == soci::i_ok) users.back().groups.push_back(group);
    }
    return users;
  }
};

OCK_SQL(ByUsername, "WHERE u.username = :u ORDER BY g.name");
OCK_SQL(ById, "WHERE u.id = :id ORDER BY g.name");
OCK_SQL(EveryUser, "ORDER BY u.id, g.name");

// Every user with their groups, read with SQLite's own API (GET /api/users/ runs it on every
// call): the columns of kUsersWithGroups, by id. The groups are sorted here, bytewise as SQLite's
// ORDER BY would, which spares SQLite a temporary b-tree for the sort.
struct NativeUsersWithGroups final : storage::NativeStatement {
  explicit NativeUsersWithGroups(soci::session& sql)
      : NativeStatement(sql, std::string(kUsersWithGroups) + " ORDER BY u.id") {}

  std::vector<User> load() {
    std::vector<User> users;
    {
      Rows rows(*this);
      while (rows.next()) {
        const std::int64_t id = int64(0);
        if (users.empty() || users.back().id != id) {
          users.push_back(User{id,
                               std::string(text(1)),
                               std::string(text(2)),
                               std::string(text(3)),
                               std::string(text(4)),
                               int64(5) != 0,
                               std::string(text(6)),
                               {}});
        }
        if (!null(7)) users.back().groups.emplace_back(text(7));
      }
    }
    for (User& u : users) std::sort(u.groups.begin(), u.groups.end());
    return users;
  }
};

struct AllClientsQuery final : Prepared {
  ClientRow row;
  explicit AllClientsQuery(soci::session& sql) : Prepared(sql) {
    row.bind(st_);
    prepare(std::string("SELECT ") + ClientRow::kColumns + " FROM clients ORDER BY client_id");
  }
};

struct AllScopes final : Prepared {
  Scope row;
  explicit AllScopes(soci::session& sql) : Prepared(sql) {
    st_.exchange(soci::into(row.name));
    st_.exchange(soci::into(row.description));
    prepare("SELECT name, description FROM scopes ORDER BY name");
  }
};

struct AllGroups final : Prepared {
  std::string name;
  explicit AllGroups(soci::session& sql) : Prepared(sql) {
    st_.exchange(soci::into(name));
    prepare("SELECT name FROM auth_groups ORDER BY name");
  }
};

// Inserts each record into Table with the session's prepared INSERT.
template <class Row, class Table, class Record>
void insert_rows(Lease& db, const std::vector<Record>& records) {
  if (records.empty()) return;
  auto& insert = db.prepared<Insert<Row, Table>>();
  for (const auto& r : records) {
    insert.row.assign(r);
    insert.run_once();
  }
}

void insert_tokens(Lease& db, const std::vector<TokenRecord>& records) {
  insert_rows<TokenRow, TokensTable>(db, records);
}

// Runs `sql_text` (not prepared: for rare calls) with the given use-bindings and returns the
// number of rows it changed.
template <class... Args>
long long execute_count(soci::session& sql, const std::string& sql_text, Args&... args) {
  soci::statement st(sql);
  use_all(st, args...);
  st.alloc();
  st.prepare(sql_text);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
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

// PostgreSQL only: a transaction-scoped advisory lock per token family (hashtext collisions
// merely serialise two unrelated families). Released at COMMIT or ROLLBACK.
struct LockFamily final : Prepared {
  std::string family;
  int one = 0;
  explicit LockFamily(soci::session& sql) : Prepared(sql) {
    st_.exchange(soci::use(family));
    st_.exchange(soci::into(one));
    prepare("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:family))) AS l");
  }
};

void lock_family(Lease& db, const std::string& family) {
  auto& q = db.prepared<LockFamily>();
  q.family = family;
  q.run_once();
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
  const bool sqlite = pool->sqlite();
  std::unique_ptr<SociStore> store(new SociStore(std::move(pool)));
  if (sqlite) {
    store->token_cache_ =
        std::make_unique<storage::TokenCache>(kTokenCacheEntries, kTokenCacheMaxAge);
    store->user_cache_ = std::make_unique<storage::ReadCache<std::optional<User>>>(
        kUserCacheEntries, kReadCacheMaxAge);
    store->scope_cache_ =
        std::make_unique<storage::ReadCache<std::vector<Scope>>>(1, kReadCacheMaxAge);
  }
  store->migrate();
  if (store->pool_->sqlite() && !store->pool_->target().memory) {
    auto file = run<std::string>(*store->pool_, Tx::kNone, [](Lease& db) {
      std::string name, path;
      int seq = 0;
      db.session() << "PRAGMA database_list", soci::into(seq), soci::into(name), soci::into(path);
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
                         [&](Lease& db) { return apply_migrations(db.session(), backend); });
  if (!result) {
    throw std::runtime_error("cannot migrate database " + pool_->target().display + ": " +
                             result.error().message);
  }
}

int SociStore::schema_version() {
  auto result =
      run<int>(*pool_, Tx::kNone, [](Lease& db) { return recorded_version(db.session()); });
  if (!result)
    throw std::runtime_error("cannot read the schema version: " + result.error().message);
  return *result;
}

// ---- users -------------------------------------------------------------------------------

struct SociStore::UserWrite {
  storage::ReadCache<std::optional<User>>* cache;
  ~UserWrite() {
    if (cache) cache->clear();
  }
};

StoreResult<std::optional<User>> SociStore::find_user(std::string_view username) {
  std::uint64_t ticket = 0;
  if (user_cache_) {
    if (auto hit = user_cache_->find(username)) return std::move(*hit);
    ticket = user_cache_->ticket();
  }
  std::string key(username);
  auto found = run<std::optional<User>>(*pool_, Tx::kNone, [&](Lease& db) {
    auto users = db.prepared<UsersWithGroups<ByUsername, std::string>>().load(key);
    return users.empty() ? std::nullopt : std::optional<User>(std::move(users.front()));
  });
  // Unknown names too: a guessing client then costs no SQL either.
  if (user_cache_ && found) user_cache_->put(username, *found, ticket);
  return found;
}

StoreResult<std::optional<User>> SociStore::find_user_by_id(std::int64_t id) {
  return run<std::optional<User>>(*pool_, Tx::kNone, [&](Lease& db) {
    auto users = db.prepared<UsersWithGroups<ById, std::int64_t>>().load(id);
    return users.empty() ? std::nullopt : std::optional<User>(std::move(users.front()));
  });
}

StoreResult<std::vector<User>> SociStore::list_users() {
  const bool sqlite = pool_->sqlite();
  return run<std::vector<User>>(*pool_, Tx::kNone, [&](Lease& db) {
    if (sqlite) return db.prepared<NativeUsersWithGroups>().load();
    return db.prepared<UsersWithGroups<EveryUser>>().load();
  });
}

StoreResult<User> SociStore::create_user(const User& user) {
  UserWrite clear_after{user_cache_.get()};
  return run<User>(*pool_, Tx::kWrite, [&](Lease& db) {
    soci::session& sql = db.session();
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
  UserWrite clear_after{user_cache_.get()};
  return run<bool>(*pool_, Tx::kWrite, [&](Lease& db) {
    soci::session& sql = db.session();
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
  // The user's tokens are deleted with them.
  struct Invalidate {
    storage::TokenCache* cache;
    std::int64_t id;
    ~Invalidate() {
      if (cache) cache->drop_user(id);
    }
  } invalidate{token_cache_.get(), id};
  UserWrite clear_after{user_cache_.get()};
  return run<bool>(*pool_, Tx::kWrite, [&](Lease& db) {
    soci::session& sql = db.session();
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
  return run<std::vector<std::string>>(*pool_, Tx::kNone, [](Lease& db) {
    std::vector<std::string> out;
    auto& q = db.prepared<AllGroups>();
    Prepared::Rows rows(q);
    while (rows.next()) out.push_back(q.name);
    return out;
  });
}

StoreResult<void> SociStore::ensure_group(std::string_view name) {
  std::string key(name);
  return run<void>(*pool_, Tx::kWrite, [&](Lease& db) {
    db.session() << "INSERT INTO auth_groups (name) VALUES (:name) ON CONFLICT (name) DO NOTHING",
        soci::use(key);
  });
}

// ---- clients and scopes ------------------------------------------------------------------

StoreResult<std::optional<Client>> SociStore::find_client(std::string_view client_id) {
  {
    std::lock_guard lock(clients_mu_);
    if (auto it = clients_.find(client_id); it != clients_.end()) {
      return std::optional<Client>(it->second);
    }
  }
  std::string key(client_id);
  auto found = run<std::optional<Client>>(*pool_, Tx::kNone, [&](Lease& db) {
    auto& q = db.prepared<FindClient>();
    if (!q.find(key)) return std::optional<Client>();
    return std::optional<Client>(q.row.to_client());
  });
  if (found && found->has_value()) {
    std::lock_guard lock(clients_mu_);
    if (clients_.size() >= kClientCacheEntries) clients_.clear();
    clients_.emplace(key, **found);
  }
  return found;
}

StoreResult<std::vector<Client>> SociStore::list_clients() {
  return run<std::vector<Client>>(*pool_, Tx::kNone, [](Lease& db) {
    std::vector<Client> out;
    auto& q = db.prepared<AllClientsQuery>();
    Prepared::Rows rows(q);
    while (rows.next()) out.push_back(q.row.to_client());
    return out;
  });
}

StoreResult<void> SociStore::create_client(const Client& client) {
  return run<void>(*pool_, Tx::kWrite, [&](Lease& db) {
    insert_rows<ClientRow, ClientsTable>(db, std::vector<Client>{client});
  });
}

StoreResult<void> SociStore::upsert_scope(const Scope& scope) {
  struct ClearAfter {
    storage::ReadCache<std::vector<Scope>>* cache;
    ~ClearAfter() {
      if (cache) cache->clear();
    }
  } clear_after{scope_cache_.get()};
  return run<void>(*pool_, Tx::kWrite, [&](Lease& db) {
    db.session() << "INSERT INTO scopes (name, description) VALUES (:name, :description)"
                    " ON CONFLICT (name) DO UPDATE SET description = excluded.description",
        soci::use(scope.name), soci::use(scope.description);
  });
}

StoreResult<std::vector<Scope>> SociStore::list_scopes() {
  std::uint64_t ticket = 0;
  if (scope_cache_) {
    if (auto hit = scope_cache_->find("")) return std::move(*hit);
    ticket = scope_cache_->ticket();
  }
  auto found = run<std::vector<Scope>>(*pool_, Tx::kNone, [](Lease& db) {
    std::vector<Scope> out;
    auto& q = db.prepared<AllScopes>();
    Prepared::Rows rows(q);
    while (rows.next()) out.push_back(q.row);
    return out;
  });
  if (scope_cache_ && found) scope_cache_->put("", *found, ticket);
  return found;
}

// ---- tokens ------------------------------------------------------------------------------

StoreResult<void> SociStore::save_tokens(const std::vector<TokenRecord>& records) {
  return run<void>(*pool_, Tx::kWrite, [&](Lease& db) { insert_tokens(db, records); });
}

StoreResult<std::optional<TokenRecord>> SociStore::find_token(std::string_view hash) {
  std::uint64_t ticket = 0;
  if (token_cache_) {
    if (auto hit = token_cache_->find(hash)) return std::optional<TokenRecord>(std::move(*hit));
    ticket = token_cache_->ticket();
  }
  std::string key(hash);
  auto found = run<std::optional<TokenRecord>>(*pool_, Tx::kNone, [&](Lease& db) {
    auto& q = db.prepared<FindToken>();
    if (!q.find(key)) return std::optional<TokenRecord>();
    return std::optional<TokenRecord>(q.row.to_record());
  });
  if (token_cache_ && found && found->has_value()) token_cache_->put(**found, ticket);
  return found;
}

StoreResult<RotateOutcome> SociStore::rotate_refresh(std::string_view old_hash,
                                                     std::string_view client_id, std::int64_t now,
                                                     const std::vector<TokenRecord>& fresh) {
  std::string hash(old_hash);
  std::string client(client_id);
  const bool sqlite = pool_->sqlite();
  // The old token becomes used, or (reuse) its whole family revoked: both leave the cache
  // before this returns, whatever the outcome.
  struct Invalidate {
    storage::TokenCache* cache;
    const std::string& hash;
    std::optional<std::string> family;
    ~Invalidate() {
      if (!cache) return;
      cache->drop_token(hash);
      if (family) cache->drop_family(*family);
    }
  } invalidate{token_cache_.get(), hash, std::nullopt};
  return run<RotateOutcome>(*pool_, Tx::kWrite, [&](Lease& db) {
    // SQLite already holds the database write lock (BEGIN IMMEDIATE). PostgreSQL first takes
    // the family's lock, so calls on tokens of one family queue up instead of deadlocking
    // (each would hold its own row and wait for the family's rows), then locks the row, so a
    // concurrent rotation of the same token waits here and then sees used = 1.
    if (!sqlite) {
      auto& f = db.prepared<FamilyOf<TokenFamilyText>>();
      f.hash = hash;
      if (!f.run_once()) return RotateOutcome::kNotUsable;
      lock_family(db, f.family);
    }
    auto run_state = [&](auto& q) {
      q.hash = hash;
      const bool found = q.run_once();
      return std::tuple(found, q.kind, q.owner, q.family, q.expires_at, q.revoked, q.used);
    };
    auto [found, kind, owner, family, expires_at, revoked, used] =
        sqlite ? run_state(db.prepared<RefreshState<false>>())
               : run_state(db.prepared<RefreshState<true>>());
    if (!found || kind != "refresh" || revoked != 0 || owner != client) {
      return RotateOutcome::kNotUsable;
    }
    if (used != 0) {
      invalidate.family = family;
      db.prepared<Exec<RevokeFamily, std::string>>().run(family);
      return RotateOutcome::kReused;
    }
    if (expires_at <= now) return RotateOutcome::kNotUsable;
    db.prepared<Exec<MarkTokenUsed, std::string>>().run(hash);
    insert_tokens(db, fresh);
    return RotateOutcome::kRotated;
  });
}

StoreResult<bool> SociStore::revoke_token(std::string_view hash) {
  std::string key(hash);
  auto revoked = run<bool>(*pool_, Tx::kWrite, [&](Lease& db) {
    return db.prepared<Exec<RevokeToken, std::string>>().run(key) > 0;
  });
  if (token_cache_) token_cache_->drop_token(key);
  return revoked;
}

StoreResult<int> SociStore::revoke_family(std::string_view family) {
  std::string key(family);
  const bool sqlite = pool_->sqlite();
  auto revoked = run<int>(*pool_, Tx::kWrite, [&](Lease& db) {
    if (!sqlite) lock_family(db, key);
    return static_cast<int>(db.prepared<Exec<RevokeFamily, std::string>>().run(key));
  });
  if (token_cache_) token_cache_->drop_family(key);
  return revoked;
}

StoreResult<int> SociStore::purge_expired(std::int64_t before) {
  auto purged = run<int>(*pool_, Tx::kWrite, [&](Lease& db) {
    return static_cast<int>(db.prepared<Exec<PurgeTokens, std::int64_t>>().run(before));
  });
  if (token_cache_) token_cache_->drop_expired_before(before);
  return purged;
}

StoreResult<void> SociStore::checkpoint_journal() {
  if (!pool_->sqlite() || wal_path_.empty()) return {};
  std::error_code ec;
  const auto size = std::filesystem::file_size(wal_path_, ec);
  // Nothing committed since the WAL last restarted (or too little to be worth two fdatasyncs).
  constexpr std::uintmax_t kPassiveAboveBytes = 1u * 1024 * 1024;
  if (ec || size <= kPassiveAboveBytes) return {};
  // When the WAL restarts after a complete checkpoint, SQLite cuts the file back to 16 MiB
  // (journal_size_limit), so a longer file means it has not restarted for a while: some reader
  // kept an older snapshot. Then the truncating checkpoint waits (busy timeout) for those
  // readers, holding this process's writers back for that moment (on the write mutex), copies
  // the WAL into the database and empties it. (Below that, a truncation under load only held
  // every writer back for the checkpoint's two fdatasyncs and the ftruncate, several times a
  // second.)
  constexpr std::uintmax_t kTruncateAboveBytes = 16u * 1024 * 1024;
  if (size <= kTruncateAboveBytes) {
    // A passive checkpoint copies what it can into the database, here rather than in a
    // committing request (SQLite's own checkpoint runs in the thread whose commit crossed its
    // threshold); it waits for no one and holds no writer back. Once it has copied everything,
    // the next write starts the WAL over from its beginning.
    return run<void>(*pool_, Tx::kNone, [&](Lease& db) {
      int busy = 0, wal_frames = 0, moved = 0;
      db.session() << "PRAGMA wal_checkpoint(PASSIVE)", soci::into(busy), soci::into(wal_frames),
          soci::into(moved);
    });
  }
  std::lock_guard writing(pool_->write_mutex());
  // A checkpoint that finds another one running (SQLite's own, started by a commit) is refused
  // at once rather than waiting: try again for a little while.
  return run<void>(*pool_, Tx::kNone, [&](Lease& db) {
    int busy = 1, wal_frames = 0, moved = 0;
    for (int tries = 0; busy != 0 && tries < 50; ++tries) {
      if (tries > 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      db.session() << "PRAGMA wal_checkpoint(TRUNCATE)", soci::into(busy), soci::into(wal_frames),
          soci::into(moved);
    }
  });
}

// ---- authorization codes and login sessions ----------------------------------------------

StoreResult<void> SociStore::save_code(const AuthorizationCode& code) {
  return run<void>(*pool_, Tx::kWrite, [&](Lease& db) {
    insert_rows<CodeRow, CodesTable>(db, std::vector<AuthorizationCode>{code});
  });
}

StoreResult<std::optional<AuthorizationCode>> SociStore::find_code(std::string_view hash) {
  std::string key(hash);
  return run<std::optional<AuthorizationCode>>(*pool_, Tx::kNone, [&](Lease& db) {
    auto& q = db.prepared<FindCode>();
    return q.find(key) ? std::optional<AuthorizationCode>(q.row.to_code()) : std::nullopt;
  });
}

StoreResult<RedeemOutcome> SociStore::redeem_code(std::string_view hash, std::string_view client_id,
                                                  std::int64_t now,
                                                  const std::vector<TokenRecord>& tokens) {
  std::string key(hash);
  std::string client(client_id);
  const bool sqlite = pool_->sqlite();
  // A reused code revokes its family: those tokens leave the cache before this returns.
  std::optional<std::string> revoked_family;
  struct Invalidate {
    storage::TokenCache* cache;
    std::optional<std::string>& family;
    ~Invalidate() {
      if (cache && family) cache->drop_family(*family);
    }
  } invalidate{token_cache_.get(), revoked_family};
  return run<RedeemOutcome>(*pool_, Tx::kWrite, [&](Lease& db) {
    // As in rotate_refresh: SQLite holds the write lock already (BEGIN IMMEDIATE); PostgreSQL
    // takes the family's lock (the one revoke_family and rotate_refresh take), then the code's
    // row, so a concurrent redemption of the same code waits here and then sees used = 1.
    if (!sqlite) {
      auto& f = db.prepared<FamilyOf<CodeFamilyText>>();
      f.hash = key;
      if (!f.run_once()) return RedeemOutcome::kNotUsable;
      lock_family(db, f.family);
    }
    auto run_state = [&](auto& q) {
      q.hash = key;
      const bool found = q.run_once();
      return std::tuple(found, q.owner, q.family, q.expires_at, q.used);
    };
    auto [found, owner, family, expires_at, used] = sqlite
                                                        ? run_state(db.prepared<CodeState<false>>())
                                                        : run_state(db.prepared<CodeState<true>>());
    if (!found || owner != client) return RedeemOutcome::kNotUsable;
    if (used != 0) {
      revoked_family = family;
      db.prepared<Exec<RevokeFamily, std::string>>().run(family);
      return RedeemOutcome::kReused;
    }
    if (expires_at <= now) return RedeemOutcome::kNotUsable;
    db.prepared<Exec<MarkCodeUsed, std::string>>().run(key);
    insert_tokens(db, tokens);
    return RedeemOutcome::kRedeemed;
  });
}

StoreResult<int> SociStore::purge_codes(std::int64_t before) {
  return run<int>(*pool_, Tx::kWrite, [&](Lease& db) {
    return static_cast<int>(db.prepared<Exec<PurgeCodes, std::int64_t>>().run(before));
  });
}

StoreResult<void> SociStore::save_session(const LoginSession& session) {
  return run<void>(*pool_, Tx::kWrite, [&](Lease& db) {
    insert_rows<SessionRow, SessionsTable>(db, std::vector<LoginSession>{session});
  });
}

StoreResult<std::optional<LoginSession>> SociStore::find_session(std::string_view hash) {
  std::string key(hash);
  return run<std::optional<LoginSession>>(*pool_, Tx::kNone, [&](Lease& db) {
    auto& q = db.prepared<FindSession>();
    return q.find(key) ? std::optional<LoginSession>(q.row.to_session()) : std::nullopt;
  });
}

StoreResult<bool> SociStore::touch_session(std::string_view hash, std::int64_t expires_at) {
  std::string key(hash);
  return run<bool>(*pool_, Tx::kWrite, [&](Lease& db) {
    return db.prepared<Exec<TouchSession, std::int64_t, std::string>>().run(expires_at, key) > 0;
  });
}

StoreResult<bool> SociStore::delete_session(std::string_view hash) {
  std::string key(hash);
  return run<bool>(*pool_, Tx::kWrite, [&](Lease& db) {
    return db.prepared<Exec<DeleteSession, std::string>>().run(key) > 0;
  });
}

StoreResult<int> SociStore::purge_sessions(std::int64_t before) {
  return run<int>(*pool_, Tx::kWrite, [&](Lease& db) {
    return static_cast<int>(db.prepared<Exec<PurgeSessions, std::int64_t>>().run(before));
  });
}

}  // namespace ock::server
