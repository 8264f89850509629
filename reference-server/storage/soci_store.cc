#include "reference-server/storage/soci_store.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#ifdef OCK_HAVE_POSTGRESQL
#include <soci/postgresql/soci-postgresql.h>
#endif

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace ock::server {
namespace {

enum class Backend { kSqlite, kPostgresql };

// What a database URL resolved to: the SOCI backend, its connect string, and a printable name
// (the URL with any password masked) for startup errors.
struct Target {
  Backend backend = Backend::kSqlite;
  std::string connect;
  std::string display;
  bool memory = false;  // sqlite::memory:
};

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr std::string_view kPostgresPrefixes[] = {"postgresql://", "postgres://"};
constexpr int kLeaseTimeoutMs = 30000;
// Any constant works; it only has to be the same in every process that migrates this database.
constexpr std::int64_t kMigrationLockKey = 0x6f636b5f6d6967;  // "ock_mig"

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Collapses a multi-line driver message into one line for logs and startup errors.
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

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() &&
        std::isxdigit(static_cast<unsigned char>(s[i + 1])) != 0 &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2])) != 0) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A libpq keyword value, quoted only when it has to be.
std::string pq_value(const std::string& v) {
  bool plain = !v.empty() && std::none_of(v.begin(), v.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '\'' || c == '\\';
  });
  if (plain) return v;
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// `host=... password=secret` -> `host=... password=***` (good enough for an error message).
std::string mask_keyword_password(const std::string& dsn) {
  std::string out = dsn;
  auto pos = out.find("password");
  while (pos != std::string::npos) {
    auto eq = out.find_first_not_of(' ', pos + 8);
    if (eq != std::string::npos && out[eq] == '=') {
      auto start = out.find_first_not_of(' ', eq + 1);
      if (start == std::string::npos) break;
      auto end = start;
      if (out[start] == '\'') {
        end = start + 1;
        while (end < out.size() && out[end] != '\'') end += (out[end] == '\\') ? 2 : 1;
        end = std::min(end + 1, out.size());
      } else {
        end = out.find(' ', start);
        if (end == std::string::npos) end = out.size();
      }
      out.replace(start, end - start, "***");
    }
    pos = out.find("password", pos + 8);
  }
  return out;
}

// True when `rest` starts like a libpq keyword string ("host=..."), not like a URL authority.
bool looks_like_keywords(std::string_view rest) {
  std::size_t i = 0;
  while (i < rest.size() &&
         (std::isalnum(static_cast<unsigned char>(rest[i])) != 0 || rest[i] == '_'))
    ++i;
  while (i < rest.size() && rest[i] == ' ') ++i;
  return i > 0 && i < rest.size() && rest[i] == '=';
}

// The URL as it may appear in a message: any password replaced by ***.
std::string redact(const std::string& url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const std::string prefix = url.substr(0, scheme_end + 3);
  std::string rest = url.substr(scheme_end + 3);
  if (looks_like_keywords(rest)) return prefix + mask_keyword_password(rest);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q);
    rest.erase(q);
    for (auto pos = query.find("password="); pos != std::string::npos;
         pos = query.find("password=", pos + 1)) {
      auto start = pos + 9;
      query.replace(start, query.find('&', start) - start, "***");
    }
  }
  auto at = rest.rfind('@');
  auto colon = rest.find(':');
  if (at != std::string::npos && colon != std::string::npos && colon < at) {
    rest.replace(colon + 1, at - colon - 1, "***");
  }
  return prefix + rest + query;
}

[[noreturn]] void bad_url(const std::string& url, const std::string& why) {
  throw std::runtime_error("invalid database URL \"" + redact(url) + "\": " + why);
}

Target parse_postgres(const std::string& url, std::string_view rest) {
  Target t;
  t.backend = Backend::kPostgresql;
  if (rest.empty()) bad_url(url, "it names no server or database");
  if (looks_like_keywords(rest)) {
    t.connect = std::string(rest);
    t.display = redact(url);
    return t;
  }
  // postgresql://[user[:password]@]host[:port][/dbname][?key=value&...]
  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view userinfo;
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
  }
  std::string_view hostport = rest;
  std::string_view dbname;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    hostport = rest.substr(0, slash);
    dbname = rest.substr(slash + 1);
  }
  std::string_view host = hostport;
  std::string_view port;
  auto bracket = hostport.rfind(']');
  auto colon = hostport.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
    if (port.empty() || !std::all_of(port.begin(), port.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
      bad_url(url, "the port is not a number");
    }
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);

  std::vector<std::pair<std::string, std::string>> kv;
  if (!host.empty()) kv.emplace_back("host", percent_decode(host));
  if (!port.empty()) kv.emplace_back("port", std::string(port));
  if (!dbname.empty()) kv.emplace_back("dbname", percent_decode(dbname));
  if (!userinfo.empty()) {
    auto c = userinfo.find(':');
    kv.emplace_back("user", percent_decode(userinfo.substr(0, c)));
    if (c != std::string_view::npos) {
      kv.emplace_back("password", percent_decode(userinfo.substr(c + 1)));
    }
  }
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) bad_url(url, "a query parameter is not key=value");
    kv.emplace_back(percent_decode(pair.substr(0, eq)), percent_decode(pair.substr(eq + 1)));
  }
  if (kv.empty()) bad_url(url, "it names no server or database");
  for (const auto& [k, v] : kv) {
    if (!t.connect.empty()) t.connect += ' ';
    t.connect += k + "=" + pq_value(v);
  }
  t.display = redact(url);
  return t;
}

Target parse_url(const std::string& url) {
  if (starts_with(url, kSqlitePrefix)) {
    std::string path = url.substr(kSqlitePrefix.size());
    if (path.empty()) bad_url(url, "it names no file (use sqlite:PATH or sqlite::memory:)");
    Target t;
    t.backend = Backend::kSqlite;
    t.display = url;
    if (path == ":memory:") {
      // One private shared-cache database per store, so every pooled session sees the same data.
      static std::atomic<unsigned> counter{0};
      t.memory = true;
      path = "file:ock-memory-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) +
             "?mode=memory&cache=shared";
    }
    if (path.find('"') != std::string::npos) bad_url(url, "the path contains a double quote");
    bool quote = path.find(' ') != std::string::npos;
    t.connect = "db=" + (quote ? "\"" + path + "\"" : path) + " timeout=5";
    return t;
  }
  for (std::string_view prefix : kPostgresPrefixes) {
    if (starts_with(url, prefix)) {
#ifdef OCK_HAVE_POSTGRESQL
      return parse_postgres(url, std::string_view(url).substr(prefix.size()));
#else
      bad_url(url, "this build has no PostgreSQL support");
#endif
    }
  }
  bad_url(url, "expected sqlite:PATH, sqlite::memory: or postgresql://...");
}

// Thrown inside the store when no pooled session frees up in time.
struct PoolExhausted : std::runtime_error {
  PoolExhausted() : std::runtime_error("no database session became free within 30 s") {}
};

// ---- schema ------------------------------------------------------------------------------

struct Migration {
  int version;
  std::vector<const char*> sqlite;
  std::vector<const char*> postgresql;
};

// Append only: never edit a migration that has shipped; add the next version instead.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       {
           "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT,"
           " username TEXT NOT NULL UNIQUE, email TEXT NOT NULL, first_name TEXT NOT NULL,"
           " last_name TEXT NOT NULL, staff INTEGER NOT NULL, password_hash TEXT NOT NULL)",
           "CREATE TABLE auth_groups (id INTEGER PRIMARY KEY AUTOINCREMENT,"
           " name TEXT NOT NULL UNIQUE)",
           "CREATE TABLE user_groups ("
           " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
           " group_id INTEGER NOT NULL REFERENCES auth_groups(id) ON DELETE CASCADE,"
           " PRIMARY KEY (user_id, group_id))",
           "CREATE TABLE clients (client_id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL,"
           " name TEXT NOT NULL, client_type TEXT NOT NULL, grants TEXT NOT NULL,"
           " scopes TEXT NOT NULL, token_ttl BIGINT)",
           "CREATE TABLE scopes (name TEXT PRIMARY KEY, description TEXT NOT NULL)",
           "CREATE TABLE tokens (hash TEXT PRIMARY KEY, kind TEXT NOT NULL,"
           " client_id TEXT NOT NULL, user_id BIGINT, scope TEXT NOT NULL,"
           " issued_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, family TEXT NOT NULL,"
           " revoked INTEGER NOT NULL, used INTEGER NOT NULL) WITHOUT ROWID",
           "CREATE INDEX tokens_family ON tokens (family)",
           "CREATE INDEX tokens_user ON tokens (user_id)",
           "CREATE INDEX tokens_expires ON tokens (expires_at)",
       },
       {
           // COLLATE "C" everywhere: ORDER BY then sorts bytewise, as SQLite and MemoryStore do.
           "CREATE TABLE users (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
           " username TEXT COLLATE \"C\" NOT NULL UNIQUE, email TEXT NOT NULL,"
           " first_name TEXT NOT NULL, last_name TEXT NOT NULL, staff INTEGER NOT NULL,"
           " password_hash TEXT NOT NULL)",
           "CREATE TABLE auth_groups (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
           " name TEXT COLLATE \"C\" NOT NULL UNIQUE)",
           "CREATE TABLE user_groups ("
           " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
           " group_id BIGINT NOT NULL REFERENCES auth_groups(id) ON DELETE CASCADE,"
           " PRIMARY KEY (user_id, group_id))",
           "CREATE TABLE clients (client_id TEXT COLLATE \"C\" PRIMARY KEY,"
           " secret_hash TEXT NOT NULL, name TEXT NOT NULL, client_type TEXT NOT NULL,"
           " grants TEXT NOT NULL, scopes TEXT NOT NULL, token_ttl BIGINT)",
           "CREATE TABLE scopes (name TEXT COLLATE \"C\" PRIMARY KEY, description TEXT NOT NULL)",
           "CREATE TABLE tokens (hash TEXT COLLATE \"C\" PRIMARY KEY, kind TEXT NOT NULL,"
           " client_id TEXT NOT NULL, user_id BIGINT, scope TEXT NOT NULL,"
           " issued_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
           " family TEXT COLLATE \"C\" NOT NULL, revoked INTEGER NOT NULL, used INTEGER NOT NULL)",
           "CREATE INDEX tokens_family ON tokens (family)",
           "CREATE INDEX tokens_user ON tokens (user_id)",
           "CREATE INDEX tokens_expires ON tokens (expires_at)",
       }},
  };
  return kMigrations;
}

int latest_version() { return migrations().back().version; }

// ---- record mapping ----------------------------------------------------------------------

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

std::vector<std::string> sorted_unique(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

const char* kind_name(TokenKind k) { return k == TokenKind::kRefresh ? "refresh" : "access"; }
const char* type_name(ClientType t) { return t == ClientType::kPublic ? "public" : "confidential"; }

// Bind targets for one users row.
struct UserRow {
  std::int64_t id = 0;
  std::string username, email, first_name, last_name, password_hash;
  int staff = 0;

  static constexpr const char* kColumns =
      "id, username, email, first_name, last_name, staff, password_hash";
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(username));
    st.exchange(soci::into(email));
    st.exchange(soci::into(first_name));
    st.exchange(soci::into(last_name));
    st.exchange(soci::into(staff));
    st.exchange(soci::into(password_hash));
  }
  User to_user() const {
    return User{id, username, email, first_name, last_name, staff != 0, password_hash, {}};
  }
};

struct ClientRow {
  std::string client_id, secret_hash, name, type, grants, scopes;
  std::int64_t token_ttl = 0;
  soci::indicator ttl_ind = soci::i_null;

  static constexpr const char* kColumns =
      "client_id, secret_hash, name, client_type, grants, scopes, token_ttl";
  void bind(soci::statement& st) {
    st.exchange(soci::into(client_id));
    st.exchange(soci::into(secret_hash));
    st.exchange(soci::into(name));
    st.exchange(soci::into(type));
    st.exchange(soci::into(grants));
    st.exchange(soci::into(scopes));
    st.exchange(soci::into(token_ttl, ttl_ind));
  }
  Client to_client() const {
    Client c;
    c.client_id = client_id;
    c.secret_hash = secret_hash;
    c.name = name;
    c.type = type == "public" ? ClientType::kPublic : ClientType::kConfidential;
    c.grants = split(grants);
    c.scopes = split(scopes);
    if (ttl_ind == soci::i_ok) c.token_ttl = token_ttl;
    return c;
  }
};

struct TokenRow {
  std::string hash, kind, client_id, scope, family;
  std::int64_t user_id = 0, issued_at = 0, expires_at = 0;
  soci::indicator user_ind = soci::i_null;
  int revoked = 0, used = 0;

  static constexpr const char* kColumns =
      "hash, kind, client_id, user_id, scope, issued_at, expires_at, family, revoked, used";
  void bind_into(soci::statement& st) {
    st.exchange(soci::into(hash));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(client_id));
    st.exchange(soci::into(user_id, user_ind));
    st.exchange(soci::into(scope));
    st.exchange(soci::into(issued_at));
    st.exchange(soci::into(expires_at));
    st.exchange(soci::into(family));
    st.exchange(soci::into(revoked));
    st.exchange(soci::into(used));
  }
  void bind_use(soci::statement& st) {
    st.exchange(soci::use(hash));
    st.exchange(soci::use(kind));
    st.exchange(soci::use(client_id));
    st.exchange(soci::use(user_id, user_ind));
    st.exchange(soci::use(scope));
    st.exchange(soci::use(issued_at));
    st.exchange(soci::use(expires_at));
    st.exchange(soci::use(family));
    st.exchange(soci::use(revoked));
    st.exchange(soci::use(used));
  }
  void assign(const TokenRecord& r) {
    hash = r.hash;
    kind = kind_name(r.kind);
    client_id = r.client_id;
    user_id = r.user_id.value_or(0);
    user_ind = r.user_id ? soci::i_ok : soci::i_null;
    scope = r.scope;
    issued_at = r.issued_at;
    expires_at = r.expires_at;
    family = r.family;
    revoked = r.revoked ? 1 : 0;
    used = r.used ? 1 : 0;
  }
  TokenRecord to_record() const {
    TokenRecord r;
    r.hash = hash;
    r.kind = kind == "refresh" ? TokenKind::kRefresh : TokenKind::kAccess;
    r.client_id = client_id;
    if (user_ind == soci::i_ok) r.user_id = user_id;
    r.scope = scope;
    r.issued_at = issued_at;
    r.expires_at = expires_at;
    r.family = family;
    r.revoked = revoked != 0;
    r.used = used != 0;
    return r;
  }
};

// Runs `sql_text` with the given use-bindings and returns the number of rows it changed.
template <class... Args>
long long execute_count(soci::session& sql, const std::string& sql_text, Args&... args) {
  soci::statement st(sql);
  (st.exchange(soci::use(args)), ...);
  st.alloc();
  st.prepare(sql_text);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

void insert_tokens(soci::session& sql, const std::vector<TokenRecord>& records) {
  if (records.empty()) return;
  TokenRow row;
  soci::statement st(sql);
  row.bind_use(st);
  st.alloc();
  st.prepare(std::string("INSERT INTO tokens (") + TokenRow::kColumns +
             ") VALUES (:hash, :kind, :client_id, :user_id, :scope, :issued_at, :expires_at,"
             " :family, :revoked, :used)");
  st.define_and_bind();
  for (const auto& r : records) {
    row.assign(r);
    st.execute(true);
  }
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
  std::vector<std::string> names = sorted_unique(groups);
  for (const auto& name : names) {
    std::int64_t group_id = ensure_group_id(sql, name);
    sql << "INSERT INTO user_groups (user_id, group_id) VALUES (:u, :g)", soci::use(user_id),
        soci::use(group_id);
  }
  return names;
}

std::optional<User> load_user(soci::session& sql, const std::string& where,
                              const std::string& key_text, std::int64_t key_id, bool by_id) {
  UserRow row;
  soci::statement st(sql);
  row.bind(st);
  if (by_id) {
    st.exchange(soci::use(key_id));
  } else {
    st.exchange(soci::use(key_text));
  }
  st.alloc();
  st.prepare(std::string("SELECT ") + UserRow::kColumns + " FROM users WHERE " + where);
  st.define_and_bind();
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
    if (state.empty() || starts_with(state, "08") || starts_with(state, "57P0") ||
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

}  // namespace

// ---- the store ---------------------------------------------------------------------------

struct SociStore::Impl {
  Impl(Target t, std::size_t size) : target(std::move(t)), pool_size(size), pool(size) {}

  Target target;
  std::size_t pool_size;
  soci::connection_pool pool;
  // A shared-cache in-memory SQLite database reports table locks as SQLITE_LOCKED, which the
  // busy timeout does not cover, so its sessions take turns instead.
  std::mutex memory_mu;

  bool sqlite() const { return target.backend == Backend::kSqlite; }
};

namespace {

// One pooled session for the duration of one store call.
class Lease {
 public:
  explicit Lease(SociStore::Impl& impl) : impl_(impl) {
    if (impl.target.memory) lock_ = std::unique_lock(impl.memory_mu);
    if (!impl.pool.try_lease(pos_, kLeaseTimeoutMs)) throw PoolExhausted();
  }
  ~Lease() { impl_.pool.give_back(pos_); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  soci::session& session() { return impl_.pool.at(pos_); }

 private:
  SociStore::Impl& impl_;
  std::unique_lock<std::mutex> lock_;
  std::size_t pos_ = 0;
};

enum class Tx {
  kNone,      // one statement, autocommit
  kSnapshot,  // several reads that must agree
  kWrite,     // SQLite: BEGIN IMMEDIATE, so the write lock is taken up front (no upgrade deadlock)
};

void rollback_quietly(soci::session& sql) {
  try {
    sql << "ROLLBACK";
  } catch (...) {  // NOLINT(bugprone-empty-catch): the transaction may already be gone
  }
}

// PostgreSQL aborted the transaction to break a deadlock or a serialization conflict; running
// it again from the start is the documented remedy.
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

constexpr int kAttempts = 4;

// Runs `body(session)` on a leased session inside the requested transaction, turning every
// exception into a StorageError. `body` returns the T of the result; it may run more than once
// (after a rolled-back deadlock), so it must only read its inputs and the database.
template <class T, class F>
StoreResult<T> run(SociStore::Impl& impl, Tx tx, F&& body) {
  std::optional<Lease> lease;
  try {
    lease.emplace(impl);
    soci::session& sql = lease->session();
    for (int attempt = 1;; ++attempt) {
      try {
        if (tx != Tx::kNone) {
          sql << (impl.sqlite() && tx == Tx::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
        }
        try {
          if constexpr (std::is_void_v<T>) {
            body(sql);
            if (tx != Tx::kNone) sql << "COMMIT";
            return {};
          } else {
            T value = body(sql);
            if (tx != Tx::kNone) sql << "COMMIT";
            return value;
          }
        } catch (...) {
          if (tx != Tx::kNone) rollback_quietly(sql);
          throw;
        }
      } catch (const soci::soci_error& e) {
        if (attempt >= kAttempts || !worth_retrying(e)) throw;
      }
    }
  } catch (const soci::soci_error& e) {
    StorageError err = classify(e);
    if (lease && err.kind == StorageError::Kind::kUnavailable && !impl.sqlite()) {
      // A dropped PostgreSQL connection stays dropped; reconnect now so the next call can work.
      try {
        lease->session().reconnect();
      } catch (...) {  // NOLINT(bugprone-empty-catch): still down; the next call reports it
      }
    }
    return unexpected(std::move(err));
  } catch (const PoolExhausted& e) {
    return unexpected(StorageError{StorageError::Kind::kUnavailable, e.what()});
  } catch (const std::exception& e) {
    return unexpected(StorageError{StorageError::Kind::kOther, one_line(e.what())});
  } catch (...) {
    return unexpected(StorageError{StorageError::Kind::kOther, "unknown error in the store"});
  }
}

void configure_session(soci::session& sql, Backend backend) {
  if (backend == Backend::kSqlite) {
    std::string mode;
    sql << "PRAGMA journal_mode=WAL", soci::into(mode);
    sql << "PRAGMA synchronous=NORMAL";
    sql << "PRAGMA foreign_keys=ON";
  } else {
    sql << "SET client_min_messages TO warning";
  }
}

}  // namespace

SociStore::SociStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SociStore::~SociStore() = default;

std::unique_ptr<SociStore> SociStore::open(const std::string& db_url, int pool_size) {
  if (pool_size < 1) throw std::runtime_error("the database pool size must be at least 1");
  Target target = parse_url(db_url);
  auto impl = std::make_unique<Impl>(target, static_cast<std::size_t>(pool_size));
  const soci::backend_factory* factory = soci::factory_sqlite3();
#ifdef OCK_HAVE_POSTGRESQL
  if (target.backend == Backend::kPostgresql) factory = soci::factory_postgresql();
#endif
  for (std::size_t i = 0; i < impl->pool_size; ++i) {
    try {
      soci::session& sql = impl->pool.at(i);
      sql.open(*factory, target.connect);
      configure_session(sql, target.backend);
    } catch (const std::exception& e) {
      // SOCI's own prefix adds nothing to "cannot open database".
      std::string why = one_line(e.what());
      constexpr std::string_view kSociPrefix = "Cannot establish connection to the database. ";
      if (starts_with(why, kSociPrefix)) why.erase(0, kSociPrefix.size());
      throw std::runtime_error("cannot open database " + target.display + ": " + why);
    }
  }
  std::unique_ptr<SociStore> store(new SociStore(std::move(impl)));
  store->migrate();
  return store;
}

std::string SociStore::backend() const { return impl_->sqlite() ? "sqlite" : "postgresql"; }

void SociStore::migrate() {
  auto result = run<int>(*impl_, Tx::kWrite, [&](soci::session& sql) {
    if (!impl_->sqlite()) {
      // Serialises concurrent migrators across processes; released at COMMIT/ROLLBACK.
      int one = 0;
      sql << "SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) +
                 ")) AS l",
          soci::into(one);
    }
    sql << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
           " applied_at BIGINT NOT NULL)";
    int current = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MAX(version) FROM schema_version", soci::into(current, ind);
    if (ind != soci::i_ok) current = 0;
    if (current > latest_version()) {
      throw std::runtime_error("the database schema is at version " + std::to_string(current) +
                               ", newer than the newest this build knows (" +
                               std::to_string(latest_version()) + ")");
    }
    for (const Migration& m : migrations()) {
      if (m.version <= current) continue;
      for (const char* statement : impl_->sqlite() ? m.sqlite : m.postgresql) sql << statement;
      int version = m.version;
      std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
      sql << "INSERT INTO schema_version (version, applied_at) VALUES (:v, :t)", soci::use(version),
          soci::use(now);
      current = version;
    }
    return current;
  });
  if (!result) {
    throw std::runtime_error("cannot migrate database " + impl_->target.display + ": " +
                             result.error().message);
  }
}

int SociStore::schema_version() {
  auto result = run<int>(*impl_, Tx::kNone, [](soci::session& sql) {
    int version = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MAX(version) FROM schema_version", soci::into(version, ind);
    return ind == soci::i_ok ? version : 0;
  });
  if (!result)
    throw std::runtime_error("cannot read the schema version: " + result.error().message);
  return *result;
}

// ---- users -------------------------------------------------------------------------------

StoreResult<std::optional<User>> SociStore::find_user(std::string_view username) {
  std::string key(username);
  return run<std::optional<User>>(*impl_, Tx::kSnapshot, [&](soci::session& sql) {
    return load_user(sql, "username = :u", key, 0, false);
  });
}

StoreResult<std::optional<User>> SociStore::find_user_by_id(std::int64_t id) {
  return run<std::optional<User>>(*impl_, Tx::kSnapshot, [&](soci::session& sql) {
    return load_user(sql, "id = :id", std::string(), id, true);
  });
}

StoreResult<std::vector<User>> SociStore::list_users() {
  return run<std::vector<User>>(*impl_, Tx::kSnapshot, [&](soci::session& sql) {
    std::vector<User> users;
    std::map<std::int64_t, std::size_t> index;
    {
      UserRow row;
      soci::statement st(sql);
      row.bind(st);
      st.alloc();
      st.prepare(std::string("SELECT ") + UserRow::kColumns + " FROM users ORDER BY id");
      st.define_and_bind();
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
  return run<User>(*impl_, Tx::kWrite, [&](soci::session& sql) {
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
  return run<bool>(*impl_, Tx::kWrite, [&](soci::session& sql) {
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
  return run<bool>(*impl_, Tx::kWrite, [&](soci::session& sql) {
    std::int64_t key = id;
    if (execute_count(sql, "DELETE FROM users WHERE id = :id", key) == 0) return false;
    sql << "DELETE FROM tokens WHERE user_id = :id", soci::use(key);
    sql << "DELETE FROM user_groups WHERE user_id = :id", soci::use(key);
    return true;
  });
}

StoreResult<std::vector<std::string>> SociStore::list_groups() {
  return run<std::vector<std::string>>(*impl_, Tx::kNone, [](soci::session& sql) {
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
  return run<void>(*impl_, Tx::kWrite, [&](soci::session& sql) {
    sql << "INSERT INTO auth_groups (name) VALUES (:name) ON CONFLICT (name) DO NOTHING",
        soci::use(key);
  });
}

// ---- clients and scopes ------------------------------------------------------------------

StoreResult<std::optional<Client>> SociStore::find_client(std::string_view client_id) {
  std::string key(client_id);
  return run<std::optional<Client>>(*impl_, Tx::kNone, [&](soci::session& sql) {
    ClientRow row;
    soci::statement st(sql);
    row.bind(st);
    st.exchange(soci::use(key));
    st.alloc();
    st.prepare(std::string("SELECT ") + ClientRow::kColumns +
               " FROM clients WHERE client_id = :id");
    st.define_and_bind();
    if (!st.execute(true)) return std::optional<Client>();
    return std::optional<Client>(row.to_client());
  });
}

StoreResult<std::vector<Client>> SociStore::list_clients() {
  return run<std::vector<Client>>(*impl_, Tx::kNone, [](soci::session& sql) {
    std::vector<Client> out;
    ClientRow row;
    soci::statement st(sql);
    row.bind(st);
    st.alloc();
    st.prepare(std::string("SELECT ") + ClientRow::kColumns + " FROM clients ORDER BY client_id");
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
      out.push_back(row.to_client());
      row.ttl_ind = soci::i_null;
    }
    return out;
  });
}

StoreResult<void> SociStore::create_client(const Client& client) {
  return run<void>(*impl_, Tx::kWrite, [&](soci::session& sql) {
    std::string type = type_name(client.type);
    std::string grants = join(client.grants);
    std::string scopes = join(client.scopes);
    std::int64_t ttl = client.token_ttl.value_or(0);
    soci::indicator ttl_ind = client.token_ttl ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO clients (client_id, secret_hash, name, client_type, grants, scopes,"
           " token_ttl) VALUES (:id, :secret, :name, :type, :grants, :scopes, :ttl)",
        soci::use(client.client_id), soci::use(client.secret_hash), soci::use(client.name),
        soci::use(type), soci::use(grants), soci::use(scopes), soci::use(ttl, ttl_ind);
  });
}

StoreResult<void> SociStore::upsert_scope(const Scope& scope) {
  return run<void>(*impl_, Tx::kWrite, [&](soci::session& sql) {
    sql << "INSERT INTO scopes (name, description) VALUES (:name, :description)"
           " ON CONFLICT (name) DO UPDATE SET description = excluded.description",
        soci::use(scope.name), soci::use(scope.description);
  });
}

StoreResult<std::vector<Scope>> SociStore::list_scopes() {
  return run<std::vector<Scope>>(*impl_, Tx::kNone, [](soci::session& sql) {
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
  return run<void>(*impl_, Tx::kWrite, [&](soci::session& sql) { insert_tokens(sql, records); });
}

StoreResult<std::optional<TokenRecord>> SociStore::find_token(std::string_view hash) {
  std::string key(hash);
  return run<std::optional<TokenRecord>>(*impl_, Tx::kNone, [&](soci::session& sql) {
    TokenRow row;
    soci::statement st(sql);
    row.bind_into(st);
    st.exchange(soci::use(key));
    st.alloc();
    st.prepare(std::string("SELECT ") + TokenRow::kColumns + " FROM tokens WHERE hash = :hash");
    st.define_and_bind();
    if (!st.execute(true)) return std::optional<TokenRecord>();
    return std::optional<TokenRecord>(row.to_record());
  });
}

StoreResult<RotateOutcome> SociStore::rotate_refresh(std::string_view old_hash,
                                                     std::string_view client_id, std::int64_t now,
                                                     const std::vector<TokenRecord>& fresh) {
  std::string hash(old_hash);
  std::string client(client_id);
  return run<RotateOutcome>(*impl_, Tx::kWrite, [&](soci::session& sql) {
    // SQLite already holds the database write lock (BEGIN IMMEDIATE). PostgreSQL first takes
    // the family's lock, so calls on tokens of one family queue up instead of deadlocking
    // (each would hold its own row and wait for the family's rows), then locks the row, so a
    // concurrent rotation of the same token waits here and then sees used = 1.
    if (!impl_->sqlite()) {
      std::string family;
      sql << "SELECT family FROM tokens WHERE hash = :hash", soci::use(hash), soci::into(family);
      if (!sql.got_data()) return RotateOutcome::kNotUsable;
      lock_family(sql, family);
    }
    std::string select =
        "SELECT kind, client_id, expires_at, revoked, used, family FROM tokens WHERE hash = :hash";
    if (!impl_->sqlite()) select += " FOR UPDATE";
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
  return run<bool>(*impl_, Tx::kWrite, [&](soci::session& sql) {
    return execute_count(sql, "UPDATE tokens SET revoked = 1 WHERE hash = :hash", key) > 0;
  });
}

StoreResult<int> SociStore::revoke_family(std::string_view family) {
  std::string key(family);
  return run<int>(*impl_, Tx::kWrite, [&](soci::session& sql) {
    if (!impl_->sqlite()) lock_family(sql, key);
    return static_cast<int>(execute_count(
        sql, "UPDATE tokens SET revoked = 1 WHERE family = :family AND revoked = 0", key));
  });
}

StoreResult<int> SociStore::purge_expired(std::int64_t before) {
  return run<int>(*impl_, Tx::kWrite, [&](soci::session& sql) {
    std::int64_t key = before;
    return static_cast<int>(
        execute_count(sql, "DELETE FROM tokens WHERE expires_at < :before", key));
  });
}

}  // namespace ock::server
