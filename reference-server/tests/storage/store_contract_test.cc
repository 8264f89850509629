// The store contract: one suite of value-parameterised abstract tests that every Store must
// pass, run against MemoryStore, SociStore on a real SQLite file, and SociStore on PostgreSQL
// (OCK_TEST_POSTGRES_DSN). Then SociStore-only checks: URLs, persistence, migration, errors.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "reference-server/core/store.h"
#include "reference-server/storage/memory_store.h"
#include "reference-server/storage/schema.h"
#include "reference-server/storage/soci_store.h"
#include "tests/support/temp_dir.h"

#ifdef OCK_HAVE_POSTGRESQL
#include <libpq-fe.h>
#endif

namespace ock::server {
namespace {

using Kind = StorageError::Kind;

// ---- helpers -----------------------------------------------------------------------------

template <class T>
::testing::AssertionResult IsOk(const StoreResult<T>& r) {
  if (r.has_value()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "store error: " << r.error().message;
}

template <class T>
::testing::AssertionResult IsError(const StoreResult<T>& r, Kind kind) {
  if (r.has_value()) return ::testing::AssertionFailure() << "expected an error, got a value";
  if (r.error().kind != kind) {
    return ::testing::AssertionFailure()
           << "wrong error kind " << static_cast<int>(r.error().kind) << ": " << r.error().message;
  }
  return ::testing::AssertionSuccess();
}

using test_support::TempDir;

std::optional<std::string> postgres_dsn() {
  const char* dsn = std::getenv("OCK_TEST_POSTGRES_DSN");
  if (dsn == nullptr) return std::nullopt;
  return std::string(dsn);
}

constexpr const char* kNoPostgres =
    "OCK_TEST_POSTGRES_DSN is not set, so there is no PostgreSQL to test against "
    "(ci/test starts one; or run ci/pg-cluster start DIR and export the DSN it prints)";

// A fresh, empty PostgreSQL schema for one test, created and dropped through libpq directly.
// The store reaches it through search_path, so every test starts from empty tables, migrations
// run from scratch, and tests running in parallel (ctest -j) on one database never meet.
class PgSchema {
 public:
  explicit PgSchema(std::string dsn) : dsn_(std::move(dsn)) {
    static std::atomic<int> counter{0};
    name_ = "ock_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    error_ = exec("CREATE SCHEMA " + name_);
    created_ = error_.empty();
  }
  ~PgSchema() {
    if (created_) exec("SET client_min_messages TO warning; DROP SCHEMA " + name_ + " CASCADE");
  }
  PgSchema(const PgSchema&) = delete;
  PgSchema& operator=(const PgSchema&) = delete;

  // "" when the schema exists, else why it does not.
  const std::string& error() const { return error_; }
  const std::string& name() const { return name_; }
  // The libpq keyword string that lands in this schema.
  std::string dsn() const { return dsn_ + " options=-csearch_path=" + name_; }

  // Runs `sql` on a connection of its own; returns "" or the error.
  std::string exec(const std::string& sql) const {
#ifdef OCK_HAVE_POSTGRESQL
    PGconn* conn = PQconnectdb(dsn_.c_str());
    std::string error;
    if (PQstatus(conn) != CONNECTION_OK) {
      error = std::string("cannot connect to OCK_TEST_POSTGRES_DSN: ") + PQerrorMessage(conn);
    } else {
      PGresult* res = PQexec(conn, sql.c_str());
      auto status = PQresultStatus(res);
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) error = PQerrorMessage(conn);
      PQclear(res);
    }
    PQfinish(conn);
    return error;
#else
    (void)sql;
    return "this build has no PostgreSQL support but OCK_TEST_POSTGRES_DSN is set";
#endif
  }

 private:
  std::string dsn_;
  std::string name_;
  std::string error_;
  bool created_ = false;
};

User make_user(const std::string& username, std::vector<std::string> groups = {}) {
  User u;
  u.username = username;
  u.email = username + "@example.test";
  u.first_name = "First " + username;
  u.last_name = "Last " + username;
  u.staff = false;
  u.password_hash = "pbkdf2_sha256$1000$c2FsdA==$aGFzaA==";
  u.groups = std::move(groups);
  return u;
}

Client make_client(const std::string& id, ClientType type = ClientType::kConfidential) {
  Client c;
  c.client_id = id;
  c.secret_hash = type == ClientType::kPublic ? "" : std::string(64, 'a');
  c.name = "Client " + id;
  c.type = type;
  c.grants = {"password", "refresh_token"};
  c.scopes = {"read", "write"};
  return c;
}

constexpr std::int64_t kNow = 1'700'000'000;

TokenRecord make_token(const std::string& hash, TokenKind kind, const std::string& family,
                       std::optional<std::int64_t> user_id = 7,
                       const std::string& client_id = "app",
                       std::int64_t expires_at = kNow + 3600) {
  TokenRecord t;
  t.hash = hash;
  t.kind = kind;
  t.client_id = client_id;
  t.user_id = user_id;
  t.scope = "read write";
  t.issued_at = kNow - 10;
  t.expires_at = expires_at;
  t.family = family;
  return t;
}

TokenRecord refresh(const std::string& hash, const std::string& family,
                    std::int64_t expires_at = kNow + 3600) {
  return make_token(hash, TokenKind::kRefresh, family, 7, "app", expires_at);
}

TokenRecord access(const std::string& hash, const std::string& family) {
  return make_token(hash, TokenKind::kAccess, family);
}

AuthorizationCode make_code(const std::string& hash, const std::string& family,
                            std::int64_t expires_at = kNow + 60) {
  AuthorizationCode c;
  c.hash = hash;
  c.client_id = "app";
  c.user_id = 7;
  c.scope = "read write";
  c.redirect_uri = "https://app.example/cb?x=1";
  c.code_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  c.issued_at = kNow - 5;
  c.expires_at = expires_at;
  c.family = family;
  return c;
}

LoginSession make_session(const std::string& hash, std::int64_t user_id = 7,
                          std::int64_t expires_at = kNow + 600) {
  return LoginSession{hash, user_id, kNow - 30, expires_at};
}

void expect_same_code(const AuthorizationCode& got, const AuthorizationCode& want) {
  EXPECT_EQ(got.hash, want.hash);
  EXPECT_EQ(got.client_id, want.client_id);
  EXPECT_EQ(got.user_id, want.user_id);
  EXPECT_EQ(got.scope, want.scope);
  EXPECT_EQ(got.redirect_uri, want.redirect_uri);
  EXPECT_EQ(got.code_challenge, want.code_challenge);
  EXPECT_EQ(got.issued_at, want.issued_at);
  EXPECT_EQ(got.expires_at, want.expires_at);
  EXPECT_EQ(got.family, want.family);
  EXPECT_EQ(got.used, want.used);
}

void expect_same_token(const TokenRecord& got, const TokenRecord& want) {
  EXPECT_EQ(got.hash, want.hash);
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.client_id, want.client_id);
  EXPECT_EQ(got.user_id, want.user_id);
  EXPECT_EQ(got.scope, want.scope);
  EXPECT_EQ(got.issued_at, want.issued_at);
  EXPECT_EQ(got.expires_at, want.expires_at);
  EXPECT_EQ(got.family, want.family);
  EXPECT_EQ(got.revoked, want.revoked);
  EXPECT_EQ(got.used, want.used);
}

// ---- the contract ------------------------------------------------------------------------

enum class Backend { kMemory, kSqliteFile, kPostgres };

const char* backend_label(Backend b) {
  switch (b) {
    case Backend::kMemory:
      return "Memory";
    case Backend::kSqliteFile:
      return "SqliteFile";
    case Backend::kPostgres:
      return "Postgres";
  }
  return "Unknown";
}

// Lets gtest print the parameter by name instead of as raw bytes.
void PrintTo(Backend b, std::ostream* os) { *os << backend_label(b); }

class StoreContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    switch (GetParam()) {
      case Backend::kMemory:
        store_ = std::make_unique<MemoryStore>();
        break;
      case Backend::kSqliteFile:
        dir_ = std::make_unique<TempDir>("ock-store");
        open_soci("sqlite:" + dir_->file("store.db"));
        break;
      case Backend::kPostgres: {
        auto dsn = postgres_dsn();
        if (!dsn) GTEST_SKIP() << kNoPostgres;
        schema_ = std::make_unique<PgSchema>(*dsn);
        ASSERT_EQ(schema_->error(), "") << "OCK_TEST_POSTGRES_DSN is set but unusable";
        open_soci("postgresql://" + schema_->dsn());
        break;
      }
    }
  }

  void open_soci(const std::string& url) {
    try {
      store_ = SociStore::open(url, 8);
    } catch (const std::exception& e) {
      FAIL() << "SociStore::open(" << url << ") threw: " << e.what();
    }
  }

  bool is_sql() const { return GetParam() != Backend::kMemory; }

  TokenRecord must_find(const std::string& hash) {
    auto r = store_->find_token(hash);
    EXPECT_TRUE(IsOk(r));
    if (!r.has_value() || !r->has_value()) {
      ADD_FAILURE() << "token " << hash << " not found";
      return {};
    }
    return **r;
  }

  bool exists(const std::string& hash) {
    auto r = store_->find_token(hash);
    EXPECT_TRUE(IsOk(r));
    return r.has_value() && r->has_value();
  }

  std::optional<AuthorizationCode> code(const std::string& hash) {
    auto r = store_->find_code(hash);
    EXPECT_TRUE(IsOk(r));
    return r.has_value() ? *r : std::nullopt;
  }

  std::optional<LoginSession> session(const std::string& hash) {
    auto r = store_->find_session(hash);
    EXPECT_TRUE(IsOk(r));
    return r.has_value() ? *r : std::nullopt;
  }

  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<PgSchema> schema_;  // outlives store_, whose sessions use it
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContractTest, CreateUserAssignsIdAndFindsItByNameAndId) {
  auto created = store_->create_user(make_user("alice", {"staff", "admins", "staff"}));
  ASSERT_TRUE(IsOk(created));
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->groups, (std::vector<std::string>{"admins", "staff"}));

  auto by_name = store_->find_user("alice");
  ASSERT_TRUE(IsOk(by_name));
  ASSERT_TRUE(by_name->has_value());
  const User& u = **by_name;
  EXPECT_EQ(u.id, created->id);
  EXPECT_EQ(u.username, "alice");
  EXPECT_EQ(u.email, "alice@example.test");
  EXPECT_EQ(u.first_name, "First alice");
  EXPECT_EQ(u.last_name, "Last alice");
  EXPECT_FALSE(u.staff);
  EXPECT_EQ(u.password_hash, "pbkdf2_sha256$1000$c2FsdA==$aGFzaA==");
  EXPECT_EQ(u.groups, (std::vector<std::string>{"admins", "staff"}));

  auto by_id = store_->find_user_by_id(created->id);
  ASSERT_TRUE(IsOk(by_id));
  ASSERT_TRUE(by_id->has_value());
  EXPECT_EQ((*by_id)->username, "alice");

  auto missing = store_->find_user("bob");
  ASSERT_TRUE(IsOk(missing));
  EXPECT_FALSE(missing->has_value());
  auto missing_id = store_->find_user_by_id(created->id + 1000);
  ASSERT_TRUE(IsOk(missing_id));
  EXPECT_FALSE(missing_id->has_value());
}

TEST_P(StoreContractTest, CreateUserWithTakenUsernameIsConflict) {
  ASSERT_TRUE(IsOk(store_->create_user(make_user("alice"))));
  User again = make_user("alice", {"intruders"});
  again.email = "other@example.test";
  again.password_hash = "pbkdf2_sha256$1000$c2FsdA==$c2VjcmV0LWhhc2g=";
  auto conflict = store_->create_user(again);
  ASSERT_TRUE(IsError(conflict, Kind::kConflict));
  EXPECT_FALSE(conflict.error().message.empty());
  EXPECT_EQ(conflict.error().message.find("c2VjcmV0LWhhc2g"), std::string::npos)
      << "the error message quotes the password hash: " << conflict.error().message;

  auto users = store_->list_users();
  ASSERT_TRUE(IsOk(users));
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ(users->front().email, "alice@example.test");
  auto groups = store_->list_groups();
  ASSERT_TRUE(IsOk(groups));
  EXPECT_TRUE(groups->empty()) << "a failed create_user must not leave its groups behind";
}

TEST_P(StoreContractTest, ListUsersIsOrderedByIdWithGroups) {
  auto c = store_->create_user(make_user("carol", {"b", "a"}));
  auto a = store_->create_user(make_user("alice"));
  auto b = store_->create_user(make_user("bob", {"a"}));
  ASSERT_TRUE(IsOk(c));
  ASSERT_TRUE(IsOk(a));
  ASSERT_TRUE(IsOk(b));
  EXPECT_LT(c->id, a->id);
  EXPECT_LT(a->id, b->id);

  auto users = store_->list_users();
  ASSERT_TRUE(IsOk(users));
  ASSERT_EQ(users->size(), 3u);
  EXPECT_EQ((*users)[0].username, "carol");
  EXPECT_EQ((*users)[0].groups, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*users)[1].username, "alice");
  EXPECT_TRUE((*users)[1].groups.empty());
  EXPECT_EQ((*users)[2].username, "bob");
  EXPECT_EQ((*users)[2].groups, (std::vector<std::string>{"a"}));
}

TEST_P(StoreContractTest, UpdateUserReplacesProfileAndGroups) {
  auto created = store_->create_user(make_user("alice", {"readers", "writers"}));
  ASSERT_TRUE(IsOk(created));
  User changed = *created;
  changed.username = "alice2";
  changed.email = "new@example.test";
  changed.first_name = "Alicia";
  changed.last_name = "Smith";
  changed.staff = true;
  changed.password_hash = "";
  changed.groups = {"admins", "readers"};
  auto updated = store_->update_user(changed);
  ASSERT_TRUE(IsOk(updated));
  EXPECT_TRUE(*updated);

  auto found = store_->find_user_by_id(created->id);
  ASSERT_TRUE(IsOk(found));
  ASSERT_TRUE(found->has_value());
  const User& u = **found;
  EXPECT_EQ(u.username, "alice2");
  EXPECT_EQ(u.email, "new@example.test");
  EXPECT_EQ(u.first_name, "Alicia");
  EXPECT_EQ(u.last_name, "Smith");
  EXPECT_TRUE(u.staff);
  EXPECT_EQ(u.password_hash, "");
  EXPECT_EQ(u.groups, (std::vector<std::string>{"admins", "readers"}));
  auto old_name = store_->find_user("alice");
  ASSERT_TRUE(IsOk(old_name));
  EXPECT_FALSE(old_name->has_value());
  // Groups live on after their last member leaves.
  auto groups = store_->list_groups();
  ASSERT_TRUE(IsOk(groups));
  EXPECT_EQ(*groups, (std::vector<std::string>{"admins", "readers", "writers"}));
}

TEST_P(StoreContractTest, UpdateUnknownUserReturnsFalse) {
  User ghost = make_user("ghost");
  ghost.id = 4242;
  auto r = store_->update_user(ghost);
  ASSERT_TRUE(IsOk(r));
  EXPECT_FALSE(*r);
  auto users = store_->list_users();
  ASSERT_TRUE(IsOk(users));
  EXPECT_TRUE(users->empty());
}

TEST_P(StoreContractTest, UpdateUserToTakenUsernameIsConflictAndChangesNothing) {
  auto alice = store_->create_user(make_user("alice", {"a"}));
  ASSERT_TRUE(IsOk(alice));
  ASSERT_TRUE(IsOk(store_->create_user(make_user("bob"))));
  User renamed = *alice;
  renamed.username = "bob";
  renamed.groups = {"b"};
  EXPECT_TRUE(IsError(store_->update_user(renamed), Kind::kConflict));
  auto found = store_->find_user_by_id(alice->id);
  ASSERT_TRUE(IsOk(found));
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->username, "alice");
  EXPECT_EQ((*found)->groups, (std::vector<std::string>{"a"}));
}

TEST_P(StoreContractTest, DeleteUserRemovesUserAndOnlyTheirTokens) {
  auto alice = store_->create_user(make_user("alice", {"a"}));
  auto bob = store_->create_user(make_user("bob"));
  ASSERT_TRUE(IsOk(alice));
  ASSERT_TRUE(IsOk(bob));
  ASSERT_TRUE(IsOk(store_->save_tokens({
      make_token("alice-access", TokenKind::kAccess, "fa", alice->id),
      make_token("alice-refresh", TokenKind::kRefresh, "fa", alice->id),
      make_token("bob-access", TokenKind::kAccess, "fb", bob->id),
      make_token("client-access", TokenKind::kAccess, "fc", std::nullopt),
  })));

  auto deleted = store_->delete_user(alice->id);
  ASSERT_TRUE(IsOk(deleted));
  EXPECT_TRUE(*deleted);

  auto gone = store_->find_user_by_id(alice->id);
  ASSERT_TRUE(IsOk(gone));
  EXPECT_FALSE(gone->has_value());
  EXPECT_FALSE(exists("alice-access"));
  EXPECT_FALSE(exists("alice-refresh"));
  EXPECT_TRUE(exists("bob-access"));
  EXPECT_TRUE(exists("client-access"));
  auto users = store_->list_users();
  ASSERT_TRUE(IsOk(users));
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ(users->front().username, "bob");
}

TEST_P(StoreContractTest, DeleteUnknownUserReturnsFalse) {
  ASSERT_TRUE(IsOk(store_->save_tokens({make_token("t", TokenKind::kAccess, "f", 999)})));
  auto r = store_->delete_user(999);
  ASSERT_TRUE(IsOk(r));
  EXPECT_FALSE(*r);
  EXPECT_TRUE(exists("t")) << "nothing may change when the user does not exist";
}

TEST_P(StoreContractTest, GroupsAreSortedAndEnsureGroupIsIdempotent) {
  ASSERT_TRUE(IsOk(store_->ensure_group("writers")));
  ASSERT_TRUE(IsOk(store_->ensure_group("Admins")));
  ASSERT_TRUE(IsOk(store_->ensure_group("writers")));
  ASSERT_TRUE(IsOk(store_->create_user(make_user("alice", {"readers", "writers"}))));
  auto groups = store_->list_groups();
  ASSERT_TRUE(IsOk(groups));
  // Bytewise order: upper case sorts before lower case on every backend.
  EXPECT_EQ(*groups, (std::vector<std::string>{"Admins", "readers", "writers"}));
}

TEST_P(StoreContractTest, CreateClientRoundTripsEveryField) {
  Client conf = make_client("app");
  conf.token_ttl = 5;
  conf.grants = {"password", "refresh_token", "client_credentials"};
  conf.scopes = {"read", "write", "groups"};
  conf.redirect_uris = {"https://app.example/cb?x=1&y=2", "http://127.0.0.1/callback"};
  conf.first_party = true;
  ASSERT_TRUE(IsOk(store_->create_client(conf)));
  ASSERT_TRUE(IsOk(store_->create_client(make_client("spa", ClientType::kPublic))));

  auto found = store_->find_client("app");
  ASSERT_TRUE(IsOk(found));
  ASSERT_TRUE(found->has_value());
  const Client& c = **found;
  EXPECT_EQ(c.client_id, "app");
  EXPECT_EQ(c.secret_hash, std::string(64, 'a'));
  EXPECT_EQ(c.name, "Client app");
  EXPECT_EQ(c.type, ClientType::kConfidential);
  EXPECT_EQ(c.grants, conf.grants);
  EXPECT_EQ(c.scopes, conf.scopes);
  EXPECT_EQ(c.token_ttl, std::optional<std::int64_t>(5));
  EXPECT_EQ(c.redirect_uris, conf.redirect_uris);
  EXPECT_TRUE(c.first_party);

  auto spa = store_->find_client("spa");
  ASSERT_TRUE(IsOk(spa));
  ASSERT_TRUE(spa->has_value());
  EXPECT_EQ((*spa)->type, ClientType::kPublic);
  EXPECT_EQ((*spa)->secret_hash, "");
  EXPECT_FALSE((*spa)->token_ttl.has_value());
  EXPECT_TRUE((*spa)->redirect_uris.empty());
  EXPECT_FALSE((*spa)->first_party);

  auto missing = store_->find_client("nope");
  ASSERT_TRUE(IsOk(missing));
  EXPECT_FALSE(missing->has_value());
}

TEST_P(StoreContractTest, CreateClientWithTakenIdIsConflict) {
  ASSERT_TRUE(IsOk(store_->create_client(make_client("app"))));
  Client again = make_client("app");
  again.name = "Impostor";
  EXPECT_TRUE(IsError(store_->create_client(again), Kind::kConflict));
  auto found = store_->find_client("app");
  ASSERT_TRUE(IsOk(found));
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, "Client app");
}

TEST_P(StoreContractTest, ListClientsIsOrderedByClientId) {
  ASSERT_TRUE(IsOk(store_->create_client(make_client("zeta"))));
  ASSERT_TRUE(IsOk(store_->create_client(make_client("Alpha"))));
  ASSERT_TRUE(IsOk(store_->create_client(make_client("beta", ClientType::kPublic))));
  auto clients = store_->list_clients();
  ASSERT_TRUE(IsOk(clients));
  ASSERT_EQ(clients->size(), 3u);
  EXPECT_EQ((*clients)[0].client_id, "Alpha");
  EXPECT_EQ((*clients)[1].client_id, "beta");
  EXPECT_EQ((*clients)[1].type, ClientType::kPublic);
  EXPECT_EQ((*clients)[2].client_id, "zeta");
}

TEST_P(StoreContractTest, UpsertScopeInsertsThenReplacesDescription) {
  ASSERT_TRUE(IsOk(store_->upsert_scope({"write", "Write access"})));
  ASSERT_TRUE(IsOk(store_->upsert_scope({"read", "Read access"})));
  ASSERT_TRUE(IsOk(store_->upsert_scope({"write", "Write everything"})));
  auto scopes = store_->list_scopes();
  ASSERT_TRUE(IsOk(scopes));
  ASSERT_EQ(scopes->size(), 2u);
  EXPECT_EQ((*scopes)[0].name, "read");
  EXPECT_EQ((*scopes)[0].description, "Read access");
  EXPECT_EQ((*scopes)[1].name, "write");
  EXPECT_EQ((*scopes)[1].description, "Write everything");
}

TEST_P(StoreContractTest, SaveTokensThenFindReturnsEveryField) {
  TokenRecord a = access("h-access", "fam");
  TokenRecord r = refresh("h-refresh", "fam");
  TokenRecord cc = make_token("h-cc", TokenKind::kAccess, "fam2", std::nullopt, "svc", kNow + 60);
  cc.revoked = true;
  cc.used = true;
  cc.scope = "";
  ASSERT_TRUE(IsOk(store_->save_tokens({a, r, cc})));
  expect_same_token(must_find("h-access"), a);
  expect_same_token(must_find("h-refresh"), r);
  expect_same_token(must_find("h-cc"), cc);
  ASSERT_TRUE(IsOk(store_->save_tokens({})));
  EXPECT_FALSE(exists("h-unknown"));
}

TEST_P(StoreContractTest, SaveTokensWithDuplicateHashSavesNothing) {
  ASSERT_TRUE(IsOk(store_->save_tokens({access("existing", "f0")})));
  EXPECT_TRUE(IsError(
      store_->save_tokens({access("new-1", "f1"), access("existing", "f1"), access("new-2", "f1")}),
      Kind::kConflict));
  EXPECT_FALSE(exists("new-1"));
  EXPECT_FALSE(exists("new-2"));
  EXPECT_EQ(must_find("existing").family, "f0");

  EXPECT_TRUE(IsError(store_->save_tokens({access("twice", "f2"), refresh("twice", "f2")}),
                      Kind::kConflict));
  EXPECT_FALSE(exists("twice"));
}

TEST_P(StoreContractTest, RotateRefreshRotatesALiveToken) {
  ASSERT_TRUE(IsOk(store_->save_tokens({access("a0", "fam"), refresh("r0", "fam")})));
  auto r = store_->rotate_refresh("r0", "app", kNow, {access("a1", "fam"), refresh("r1", "fam")});
  ASSERT_TRUE(IsOk(r));
  EXPECT_EQ(*r, RotateOutcome::kRotated);
  TokenRecord old = must_find("r0");
  EXPECT_TRUE(old.used);
  EXPECT_FALSE(old.revoked);
  EXPECT_FALSE(must_find("a1").revoked);
  TokenRecord fresh = must_find("r1");
  EXPECT_FALSE(fresh.used);
  EXPECT_FALSE(fresh.revoked);
  EXPECT_EQ(fresh.family, "fam");

  // The fresh token rotates in turn.
  auto again = store_->rotate_refresh("r1", "app", kNow + 1, {refresh("r2", "fam")});
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(*again, RotateOutcome::kRotated);
}

TEST_P(StoreContractTest, RotateRefreshOnUsedTokenRevokesTheWholeFamily) {
  ASSERT_TRUE(IsOk(store_->save_tokens({access("a0", "fam"), refresh("r0", "fam"),
                                        access("other-a", "other"), refresh("other-r", "other")})));
  ASSERT_EQ(store_->rotate_refresh("r0", "app", kNow, {access("a1", "fam"), refresh("r1", "fam")})
                .value_or(RotateOutcome::kNotUsable),
            RotateOutcome::kRotated);

  auto replay = store_->rotate_refresh("r0", "app", kNow + 5, {refresh("r-evil", "fam")});
  ASSERT_TRUE(IsOk(replay));
  EXPECT_EQ(*replay, RotateOutcome::kReused);
  for (const char* h : {"a0", "r0", "a1", "r1"}) EXPECT_TRUE(must_find(h).revoked) << h;
  EXPECT_FALSE(exists("r-evil"));
  EXPECT_FALSE(must_find("other-a").revoked);
  EXPECT_FALSE(must_find("other-r").revoked);

  // The legitimate holder of r1 is locked out too.
  auto after = store_->rotate_refresh("r1", "app", kNow + 6, {refresh("r2", "fam")});
  ASSERT_TRUE(IsOk(after));
  EXPECT_EQ(*after, RotateOutcome::kNotUsable);
  EXPECT_FALSE(exists("r2"));
}

TEST_P(StoreContractTest, RotateRefreshNotUsableChangesNothing) {
  TokenRecord revoked = refresh("revoked", "f-revoked");
  revoked.revoked = true;
  ASSERT_TRUE(IsOk(store_->save_tokens({
      revoked,
      refresh("expired", "f-expired", kNow),  // expires_at == now counts as expired
      refresh("live", "f-live"),
      access("access", "f-access"),
  })));
  struct Case {
    const char* hash;
    const char* client;
  };
  for (Case c : {Case{"unknown", "app"}, Case{"revoked", "app"}, Case{"expired", "app"},
                 Case{"live", "other-client"}, Case{"access", "app"}}) {
    auto r = store_->rotate_refresh(c.hash, c.client, kNow, {refresh("fresh", "f-live")});
    ASSERT_TRUE(IsOk(r)) << c.hash;
    EXPECT_EQ(*r, RotateOutcome::kNotUsable) << c.hash;
    EXPECT_FALSE(exists("fresh")) << c.hash;
  }
  EXPECT_FALSE(exists("unknown"));
  expect_same_token(must_find("revoked"), revoked);
  expect_same_token(must_find("expired"), refresh("expired", "f-expired", kNow));
  expect_same_token(must_find("live"), refresh("live", "f-live"));
  expect_same_token(must_find("access"), access("access", "f-access"));
}

TEST_P(StoreContractTest, RotateRefreshWithDuplicateFreshHashIsConflictAndChangesNothing) {
  ASSERT_TRUE(IsOk(store_->save_tokens({refresh("r0", "fam"), access("taken", "x")})));
  auto r =
      store_->rotate_refresh("r0", "app", kNow, {refresh("r1", "fam"), access("taken", "fam")});
  EXPECT_TRUE(IsError(r, Kind::kConflict));
  EXPECT_FALSE(must_find("r0").used);
  EXPECT_FALSE(exists("r1"));
  auto retry = store_->rotate_refresh("r0", "app", kNow, {refresh("r1", "fam")});
  ASSERT_TRUE(IsOk(retry));
  EXPECT_EQ(*retry, RotateOutcome::kRotated);
}

TEST_P(StoreContractTest, RevokeTokenMarksOneToken) {
  ASSERT_TRUE(IsOk(store_->save_tokens({access("a", "fam"), refresh("r", "fam")})));
  auto r = store_->revoke_token("a");
  ASSERT_TRUE(IsOk(r));
  EXPECT_TRUE(*r);
  EXPECT_TRUE(must_find("a").revoked);
  EXPECT_FALSE(must_find("r").revoked);
  auto again = store_->revoke_token("a");
  ASSERT_TRUE(IsOk(again));
  EXPECT_TRUE(*again) << "the token exists, so revoking it again still reports true";
  auto missing = store_->revoke_token("nope");
  ASSERT_TRUE(IsOk(missing));
  EXPECT_FALSE(*missing);
}

TEST_P(StoreContractTest, RevokeFamilyCountsOnlyTokensItChanged) {
  ASSERT_TRUE(IsOk(store_->save_tokens(
      {access("a1", "fam"), refresh("r1", "fam"), access("a2", "fam"), access("x", "other")})));
  ASSERT_TRUE(IsOk(store_->revoke_token("a2")));
  auto n = store_->revoke_family("fam");
  ASSERT_TRUE(IsOk(n));
  EXPECT_EQ(*n, 2);
  EXPECT_TRUE(must_find("a1").revoked);
  EXPECT_TRUE(must_find("r1").revoked);
  EXPECT_FALSE(must_find("x").revoked);
  auto again = store_->revoke_family("fam");
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(*again, 0);
  auto none = store_->revoke_family("no-such-family");
  ASSERT_TRUE(IsOk(none));
  EXPECT_EQ(*none, 0);
}

TEST_P(StoreContractTest, PurgeExpiredDeletesOnlyTokensExpiredBefore) {
  ASSERT_TRUE(IsOk(store_->save_tokens({
      make_token("old-1", TokenKind::kAccess, "f", 1, "app", kNow - 100),
      make_token("old-2", TokenKind::kRefresh, "f", 1, "app", kNow - 1),
      make_token("edge", TokenKind::kAccess, "f", 1, "app", kNow),
      make_token("live", TokenKind::kAccess, "f", 1, "app", kNow + 100),
  })));
  auto n = store_->purge_expired(kNow);
  ASSERT_TRUE(IsOk(n));
  EXPECT_EQ(*n, 2);
  EXPECT_FALSE(exists("old-1"));
  EXPECT_FALSE(exists("old-2"));
  EXPECT_TRUE(exists("edge"));
  EXPECT_TRUE(exists("live"));
  auto again = store_->purge_expired(kNow);
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(*again, 0);
}

// ---- a read just before a change never hides the change (SociStore's token cache) ---------
// Each test reads the tokens first, as a bearer check would, then changes them through one of
// the ways a token stops being valid, and reads again at once.

TEST_P(StoreContractTest, ARevocationIsSeenByTheNextRead) {
  ASSERT_TRUE(IsOk(store_->save_tokens({access("a", "fam"), access("b", "fam")})));
  EXPECT_FALSE(must_find("a").revoked);
  EXPECT_FALSE(must_find("b").revoked);
  ASSERT_TRUE(IsOk(store_->revoke_token("a")));
  EXPECT_TRUE(must_find("a").revoked);
  EXPECT_FALSE(must_find("b").revoked);
}

TEST_P(StoreContractTest, AFamilyRevocationIsSeenByTheNextRead) {
  ASSERT_TRUE(
      IsOk(store_->save_tokens({access("a1", "fam"), refresh("r1", "fam"), access("x", "other")})));
  for (const char* h : {"a1", "r1", "x"}) EXPECT_FALSE(must_find(h).revoked) << h;
  ASSERT_TRUE(IsOk(store_->revoke_family("fam")));
  EXPECT_TRUE(must_find("a1").revoked);
  EXPECT_TRUE(must_find("r1").revoked);
  EXPECT_FALSE(must_find("x").revoked);
}

TEST_P(StoreContractTest, ARotationIsSeenByTheNextRead) {
  ASSERT_TRUE(IsOk(store_->save_tokens({access("a0", "fam"), refresh("r0", "fam")})));
  EXPECT_FALSE(must_find("r0").used);
  ASSERT_EQ(store_->rotate_refresh("r0", "app", kNow, {refresh("r1", "fam")})
                .value_or(RotateOutcome::kNotUsable),
            RotateOutcome::kRotated);
  EXPECT_TRUE(must_find("r0").used);
}

TEST_P(StoreContractTest, AReplayedRefreshTokensFamilyRevocationIsSeenByTheNextRead) {
  ASSERT_TRUE(IsOk(store_->save_tokens({access("a0", "fam"), refresh("r0", "fam")})));
  ASSERT_EQ(store_->rotate_refresh("r0", "app", kNow, {access("a1", "fam"), refresh("r1", "fam")})
                .value_or(RotateOutcome::kNotUsable),
            RotateOutcome::kRotated);
  for (const char* h : {"a0", "a1", "r1"}) EXPECT_FALSE(must_find(h).revoked) << h;
  EXPECT_TRUE(must_find("r0").used);
  ASSERT_EQ(store_->rotate_refresh("r0", "app", kNow, {refresh("r-evil", "fam")})
                .value_or(RotateOutcome::kNotUsable),
            RotateOutcome::kReused);
  for (const char* h : {"a0", "r0", "a1", "r1"}) EXPECT_TRUE(must_find(h).revoked) << h;
}

TEST_P(StoreContractTest, AReplayedCodesFamilyRevocationIsSeenByTheNextRead) {
  ASSERT_TRUE(IsOk(store_->save_code(make_code("c", "fam"))));
  ASSERT_EQ(store_->redeem_code("c", "app", kNow, {access("a1", "fam"), refresh("r1", "fam")})
                .value_or(RedeemOutcome::kNotUsable),
            RedeemOutcome::kRedeemed);
  EXPECT_FALSE(must_find("a1").revoked);
  EXPECT_FALSE(must_find("r1").revoked);
  ASSERT_EQ(store_->redeem_code("c", "app", kNow, {}).value_or(RedeemOutcome::kNotUsable),
            RedeemOutcome::kReused);
  EXPECT_TRUE(must_find("a1").revoked);
  EXPECT_TRUE(must_find("r1").revoked);
}

TEST_P(StoreContractTest, DeletingAUserIsSeenByTheNextReadOfTheirTokens) {
  auto alice = store_->create_user(make_user("alice"));
  auto bob = store_->create_user(make_user("bob"));
  ASSERT_TRUE(IsOk(alice));
  ASSERT_TRUE(IsOk(bob));
  ASSERT_TRUE(IsOk(store_->save_tokens({make_token("alice-a", TokenKind::kAccess, "fa", alice->id),
                                        make_token("alice-r", TokenKind::kRefresh, "fa", alice->id),
                                        make_token("bob-a", TokenKind::kAccess, "fb", bob->id)})));
  for (const char* h : {"alice-a", "alice-r", "bob-a"}) EXPECT_TRUE(exists(h)) << h;
  ASSERT_TRUE(IsOk(store_->delete_user(alice->id)));
  EXPECT_FALSE(exists("alice-a"));
  EXPECT_FALSE(exists("alice-r"));
  EXPECT_TRUE(exists("bob-a"));
}

TEST_P(StoreContractTest, APurgeIsSeenByTheNextRead) {
  ASSERT_TRUE(IsOk(
      store_->save_tokens({make_token("old", TokenKind::kAccess, "f", 1, "app", kNow - 1),
                           make_token("live", TokenKind::kAccess, "f", 1, "app", kNow + 100)})));
  EXPECT_TRUE(exists("old"));
  EXPECT_TRUE(exists("live"));
  ASSERT_TRUE(IsOk(store_->purge_expired(kNow)));
  EXPECT_FALSE(exists("old"));
  EXPECT_TRUE(exists("live"));
}

// SociStore keeps the clients it has found (a client never changes); an id it did not find is
// not remembered, so a client registered afterwards (by this store or another process) is found.
TEST_P(StoreContractTest, AClientRegisteredAfterAMissIsFound) {
  auto before = store_->find_client("late");
  ASSERT_TRUE(IsOk(before));
  EXPECT_FALSE(before->has_value());
  ASSERT_TRUE(IsOk(store_->create_client(make_client("late"))));
  for (int i = 0; i < 2; ++i) {  // from the database, then from memory
    auto after = store_->find_client("late");
    ASSERT_TRUE(IsOk(after));
    ASSERT_TRUE(after->has_value());
    EXPECT_EQ((*after)->secret_hash, std::string(64, 'a'));
  }
}

// SociStore also keeps users (by name) and the scope list it has read lately: each read below
// comes first, as the token endpoint's would, and the change must show in the next read.
TEST_P(StoreContractTest, AUserCreatedAfterAMissIsFound) {
  auto before = store_->find_user("late");
  ASSERT_TRUE(IsOk(before));
  EXPECT_FALSE(before->has_value());
  ASSERT_TRUE(IsOk(store_->create_user(make_user("late"))));
  auto after = store_->find_user("late");
  ASSERT_TRUE(IsOk(after));
  EXPECT_TRUE(after->has_value());
}

TEST_P(StoreContractTest, APasswordChangeIsSeenByTheNextRead) {
  auto alice = store_->create_user(make_user("alice"));
  ASSERT_TRUE(IsOk(alice));
  auto before = store_->find_user("alice");
  ASSERT_TRUE(IsOk(before));
  ASSERT_TRUE(before->has_value());
  User changed = **before;
  changed.password_hash = "pbkdf2_sha256$1000$c2FsdA==$bmV3";
  changed.groups = {"staff"};
  ASSERT_EQ(store_->update_user(changed).value_or(false), true);
  auto after = store_->find_user("alice");
  ASSERT_TRUE(IsOk(after));
  ASSERT_TRUE(after->has_value());
  EXPECT_EQ((*after)->password_hash, "pbkdf2_sha256$1000$c2FsdA==$bmV3");
  EXPECT_EQ((*after)->groups, std::vector<std::string>{"staff"});
}

TEST_P(StoreContractTest, ARenameIsSeenByTheNextReadOfBothNames) {
  auto alice = store_->create_user(make_user("alice"));
  ASSERT_TRUE(IsOk(alice));
  ASSERT_TRUE(IsOk(store_->find_user("alice")));
  ASSERT_TRUE(IsOk(store_->find_user("alicia")));
  User renamed = *alice;
  renamed.username = "alicia";
  ASSERT_EQ(store_->update_user(renamed).value_or(false), true);
  auto old_name = store_->find_user("alice");
  auto new_name = store_->find_user("alicia");
  ASSERT_TRUE(IsOk(old_name));
  ASSERT_TRUE(IsOk(new_name));
  EXPECT_FALSE(old_name->has_value());
  EXPECT_TRUE(new_name->has_value());
}

TEST_P(StoreContractTest, DeletingAUserIsSeenByTheNextReadOfTheirName) {
  auto alice = store_->create_user(make_user("alice"));
  ASSERT_TRUE(IsOk(alice));
  auto before = store_->find_user("alice");
  ASSERT_TRUE(IsOk(before));
  ASSERT_TRUE(before->has_value());
  ASSERT_EQ(store_->delete_user(alice->id).value_or(false), true);
  auto after = store_->find_user("alice");
  ASSERT_TRUE(IsOk(after));
  EXPECT_FALSE(after->has_value());
}

TEST_P(StoreContractTest, AScopeAddedOrRedescribedIsSeenByTheNextRead) {
  ASSERT_TRUE(IsOk(store_->upsert_scope(Scope{"read", "Read"})));
  auto before = store_->list_scopes();
  ASSERT_TRUE(IsOk(before));
  ASSERT_EQ(before->size(), 1u);
  ASSERT_TRUE(IsOk(store_->upsert_scope(Scope{"write", "Write"})));
  ASSERT_TRUE(IsOk(store_->upsert_scope(Scope{"read", "Read everything"})));
  auto after = store_->list_scopes();
  ASSERT_TRUE(IsOk(after));
  ASSERT_EQ(after->size(), 2u);
  EXPECT_EQ((*after)[0].name, "read");
  EXPECT_EQ((*after)[0].description, "Read everything");
  EXPECT_EQ((*after)[1].name, "write");
}

TEST_P(StoreContractTest, ConcurrentRotationOfOneTokenHasExactlyOneWinner) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 15;
  for (int round = 0; round < kRounds; ++round) {
    const std::string family = "fam-" + std::to_string(round);
    const std::string old = "old-" + std::to_string(round);
    ASSERT_TRUE(IsOk(store_->save_tokens({refresh(old, family)})));

    std::vector<std::optional<StoreResult<RotateOutcome>>> results(kThreads);
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        std::vector<TokenRecord> fresh = {refresh(old + "-new-" + std::to_string(i), family)};
        ready.fetch_add(1);
        while (!go.load()) std::this_thread::yield();
        results[i].emplace(store_->rotate_refresh(old, "app", kNow, fresh));
      });
    }
    while (ready.load() < kThreads) std::this_thread::yield();
    go.store(true);
    for (auto& t : threads) t.join();

    // Calls run one after another: the first rotates, the next finds the token used and revokes
    // the family (kReused), and every later one finds it revoked (kNotUsable).
    int rotated = 0, reused = 0, not_usable = 0, winner = -1;
    for (int i = 0; i < kThreads; ++i) {
      ASSERT_TRUE(IsOk(*results[i])) << "round " << round << " thread " << i;
      switch (**results[i]) {
        case RotateOutcome::kRotated:
          ++rotated;
          winner = i;
          break;
        case RotateOutcome::kReused:
          ++reused;
          break;
        case RotateOutcome::kNotUsable:
          ++not_usable;
          break;
      }
    }
    ASSERT_EQ(rotated, 1) << "round " << round;
    EXPECT_EQ(reused, 1) << "round " << round;
    EXPECT_EQ(not_usable, kThreads - 2) << "round " << round;
    for (int i = 0; i < kThreads; ++i) {
      std::string hash = old + "-new-" + std::to_string(i);
      if (i == winner) {
        // The losers replayed a used token, so the winner's fresh token was revoked with its
        // family.
        EXPECT_TRUE(must_find(hash).revoked) << "round " << round;
      } else {
        EXPECT_FALSE(exists(hash)) << "round " << round << " thread " << i;
      }
    }
  }
}

TEST_P(StoreContractTest, ConcurrentReplaysWithinOneFamilyAllSucceed) {
  // Each thread replays a different used token of the same family at once. Each call locks its
  // own token and then the whole family, the classic lock-order deadlock for a SQL backend; the
  // store must still answer every call (kReused or kNotUsable), never with an error.
  constexpr int kThreads = 8;
  constexpr int kRounds = 10;
  for (int round = 0; round < kRounds; ++round) {
    const std::string family = "replay-" + std::to_string(round);
    std::vector<TokenRecord> tokens;
    for (int i = 0; i < kThreads; ++i) {
      TokenRecord t = refresh(family + "-used-" + std::to_string(i), family);
      t.used = true;
      tokens.push_back(t);
    }
    tokens.push_back(refresh(family + "-live", family));
    ASSERT_TRUE(IsOk(store_->save_tokens(tokens)));

    std::vector<std::optional<StoreResult<RotateOutcome>>> results(kThreads);
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        ready.fetch_add(1);
        while (!go.load()) std::this_thread::yield();
        results[i].emplace(store_->rotate_refresh(tokens[i].hash, "app", kNow, {}));
      });
    }
    while (ready.load() < kThreads) std::this_thread::yield();
    go.store(true);
    for (auto& t : threads) t.join();

    int reused = 0;
    for (int i = 0; i < kThreads; ++i) {
      ASSERT_TRUE(IsOk(*results[i])) << "round " << round << " thread " << i;
      EXPECT_NE(**results[i], RotateOutcome::kRotated);
      if (**results[i] == RotateOutcome::kReused) ++reused;
    }
    EXPECT_GE(reused, 1) << "round " << round;
    EXPECT_TRUE(must_find(family + "-live").revoked) << "round " << round;
  }
}

// ---- authorization codes -------------------------------------------------------------------

TEST_P(StoreContractTest, SaveCodeThenFindReturnsEveryField) {
  AuthorizationCode with_uri = make_code("c1", "fam1");
  AuthorizationCode without_uri = make_code("c2", "fam2");
  without_uri.redirect_uri.reset();
  without_uri.used = true;
  ASSERT_TRUE(IsOk(store_->save_code(with_uri)));
  ASSERT_TRUE(IsOk(store_->save_code(without_uri)));
  auto a = code("c1");
  ASSERT_TRUE(a.has_value());
  expect_same_code(*a, with_uri);
  auto b = code("c2");
  ASSERT_TRUE(b.has_value());
  expect_same_code(*b, without_uri);
  EXPECT_FALSE(b->redirect_uri.has_value()) << "an omitted redirect_uri stays absent, not \"\"";
  EXPECT_FALSE(code("nope").has_value());
}

TEST_P(StoreContractTest, SaveCodeWithDuplicateHashIsConflict) {
  ASSERT_TRUE(IsOk(store_->save_code(make_code("c", "fam"))));
  AuthorizationCode again = make_code("c", "other");
  EXPECT_TRUE(IsError(store_->save_code(again), Kind::kConflict));
  EXPECT_EQ(code("c")->family, "fam");
}

TEST_P(StoreContractTest, RedeemCodeMarksItUsedAndSavesTheTokens) {
  ASSERT_TRUE(IsOk(store_->save_code(make_code("c", "fam"))));
  auto r = store_->redeem_code("c", "app", kNow, {access("a1", "fam"), refresh("r1", "fam")});
  ASSERT_TRUE(IsOk(r));
  EXPECT_EQ(*r, RedeemOutcome::kRedeemed);
  EXPECT_TRUE(code("c")->used);
  EXPECT_FALSE(must_find("a1").revoked);
  EXPECT_FALSE(must_find("r1").revoked);
}

TEST_P(StoreContractTest, RedeemingAUsedCodeRevokesTheTokensOfItsFamily) {
  ASSERT_TRUE(IsOk(store_->save_code(make_code("c", "fam"))));
  ASSERT_TRUE(IsOk(store_->save_tokens({access("other", "unrelated")})));
  ASSERT_TRUE(
      IsOk(store_->redeem_code("c", "app", kNow, {access("a1", "fam"), refresh("r1", "fam")})));
  // A refresh rotation later in the family: its tokens go too.
  ASSERT_TRUE(
      IsOk(store_->rotate_refresh("r1", "app", kNow, {access("a2", "fam"), refresh("r2", "fam")})));
  auto again = store_->redeem_code("c", "app", kNow + 1, {access("a3", "fam")});
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(*again, RedeemOutcome::kReused);
  for (const char* h : {"a1", "r1", "a2", "r2"}) EXPECT_TRUE(must_find(h).revoked) << h;
  EXPECT_FALSE(exists("a3")) << "a refused redemption saves no tokens";
  EXPECT_FALSE(must_find("other").revoked);
  // Still detected after the code's expiry, as long as the code is kept.
  auto late = store_->redeem_code("c", "app", kNow + 3600, {});
  ASSERT_TRUE(IsOk(late));
  EXPECT_EQ(*late, RedeemOutcome::kReused);
}

TEST_P(StoreContractTest, RedeemNotUsableChangesNothing) {
  ASSERT_TRUE(IsOk(store_->save_code(make_code("live", "f1"))));
  ASSERT_TRUE(IsOk(store_->save_code(make_code("expired", "f2", kNow))));
  const auto expect_not_usable = [&](const std::string& hash, const std::string& client) {
    auto r = store_->redeem_code(hash, client, kNow, {access("t-" + hash + client, "f")});
    ASSERT_TRUE(IsOk(r)) << hash;
    EXPECT_EQ(*r, RedeemOutcome::kNotUsable) << hash << " / " << client;
    EXPECT_FALSE(exists("t-" + hash + client)) << hash;
  };
  expect_not_usable("unknown", "app");
  expect_not_usable("live", "another-app");
  expect_not_usable("expired", "app");
  EXPECT_FALSE(code("live")->used);
  EXPECT_FALSE(code("expired")->used);
  auto ok = store_->redeem_code("live", "app", kNow, {});
  ASSERT_TRUE(IsOk(ok));
  EXPECT_EQ(*ok, RedeemOutcome::kRedeemed)
      << "a refused redemption by another client does not burn it";
}

TEST_P(StoreContractTest, RedeemWithDuplicateTokenHashIsConflictAndChangesNothing) {
  ASSERT_TRUE(IsOk(store_->save_tokens({access("taken", "f0")})));
  ASSERT_TRUE(IsOk(store_->save_code(make_code("c", "fam"))));
  auto r = store_->redeem_code("c", "app", kNow, {access("a1", "fam"), access("taken", "fam")});
  EXPECT_TRUE(IsError(r, Kind::kConflict));
  EXPECT_FALSE(code("c")->used);
  EXPECT_FALSE(exists("a1"));
  auto retry = store_->redeem_code("c", "app", kNow, {access("a1", "fam")});
  ASSERT_TRUE(IsOk(retry));
  EXPECT_EQ(*retry, RedeemOutcome::kRedeemed);
}

TEST_P(StoreContractTest, ConcurrentRedemptionsOfOneCodeHaveExactlyOneWinner) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 15;
  for (int round = 0; round < kRounds; ++round) {
    const std::string family = "fam-" + std::to_string(round);
    const std::string hash = "code-" + std::to_string(round);
    ASSERT_TRUE(IsOk(store_->save_code(make_code(hash, family))));

    std::vector<std::optional<StoreResult<RedeemOutcome>>> results(kThreads);
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&, i] {
        std::vector<TokenRecord> tokens = {access(hash + "-a-" + std::to_string(i), family),
                                           refresh(hash + "-r-" + std::to_string(i), family)};
        ready.fetch_add(1);
        while (!go.load()) std::this_thread::yield();
        results[i].emplace(store_->redeem_code(hash, "app", kNow, tokens));
      });
    }
    while (ready.load() < kThreads) std::this_thread::yield();
    go.store(true);
    for (auto& t : threads) t.join();

    // The first call redeems; every later one finds the code used and revokes the family.
    int redeemed = 0, reused = 0, winner = -1;
    for (int i = 0; i < kThreads; ++i) {
      ASSERT_TRUE(IsOk(*results[i])) << "round " << round << " thread " << i;
      if (**results[i] == RedeemOutcome::kRedeemed) {
        ++redeemed;
        winner = i;
      } else if (**results[i] == RedeemOutcome::kReused) {
        ++reused;
      }
    }
    ASSERT_EQ(redeemed, 1) << "round " << round;
    EXPECT_EQ(reused, kThreads - 1) << "round " << round;
    for (int i = 0; i < kThreads; ++i) {
      const std::string a = hash + "-a-" + std::to_string(i);
      if (i == winner) {
        EXPECT_TRUE(must_find(a).revoked) << "round " << round << ": the code was used twice";
      } else {
        EXPECT_FALSE(exists(a)) << "round " << round << " thread " << i;
      }
    }
  }
}

TEST_P(StoreContractTest, PurgeCodesDeletesOnlyCodesExpiredBefore) {
  ASSERT_TRUE(IsOk(store_->save_code(make_code("old", "f", kNow - 100))));
  ASSERT_TRUE(IsOk(store_->save_code(make_code("edge", "f", kNow))));
  ASSERT_TRUE(IsOk(store_->save_code(make_code("live", "f", kNow + 100))));
  auto n = store_->purge_codes(kNow);
  ASSERT_TRUE(IsOk(n));
  EXPECT_EQ(*n, 1);
  EXPECT_FALSE(code("old").has_value());
  EXPECT_TRUE(code("edge").has_value());
  EXPECT_TRUE(code("live").has_value());
  auto again = store_->purge_codes(kNow);
  ASSERT_TRUE(IsOk(again));
  EXPECT_EQ(*again, 0);
}

// ---- login sessions -----------------------------------------------------------------------

TEST_P(StoreContractTest, SessionsAreSavedFoundTouchedAndDeleted) {
  LoginSession s = make_session("s1");
  ASSERT_TRUE(IsOk(store_->save_session(s)));
  auto found = session("s1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->hash, "s1");
  EXPECT_EQ(found->user_id, 7);
  EXPECT_EQ(found->created_at, s.created_at);
  EXPECT_EQ(found->expires_at, s.expires_at);
  EXPECT_TRUE(IsError(store_->save_session(make_session("s1", 8)), Kind::kConflict));
  EXPECT_EQ(session("s1")->user_id, 7);

  auto touched = store_->touch_session("s1", kNow + 900);
  ASSERT_TRUE(IsOk(touched));
  EXPECT_TRUE(*touched);
  EXPECT_EQ(session("s1")->expires_at, kNow + 900);
  EXPECT_EQ(session("s1")->created_at, s.created_at);
  auto touch_missing = store_->touch_session("nope", kNow);
  ASSERT_TRUE(IsOk(touch_missing));
  EXPECT_FALSE(*touch_missing);

  auto deleted = store_->delete_session("s1");
  ASSERT_TRUE(IsOk(deleted));
  EXPECT_TRUE(*deleted);
  EXPECT_FALSE(session("s1").has_value());
  auto again = store_->delete_session("s1");
  ASSERT_TRUE(IsOk(again));
  EXPECT_FALSE(*again);
}

TEST_P(StoreContractTest, PurgeSessionsDeletesOnlySessionsExpiredBefore) {
  ASSERT_TRUE(IsOk(store_->save_session(make_session("old", 7, kNow - 1))));
  ASSERT_TRUE(IsOk(store_->save_session(make_session("edge", 7, kNow))));
  ASSERT_TRUE(IsOk(store_->save_session(make_session("live", 7, kNow + 1))));
  auto n = store_->purge_sessions(kNow);
  ASSERT_TRUE(IsOk(n));
  EXPECT_EQ(*n, 1);
  EXPECT_FALSE(session("old").has_value());
  EXPECT_TRUE(session("edge").has_value());
  EXPECT_TRUE(session("live").has_value());
}

TEST_P(StoreContractTest, DeleteUserAlsoRemovesTheirCodesAndSessions) {
  auto alice = store_->create_user(make_user("alice"));
  auto bob = store_->create_user(make_user("bob"));
  ASSERT_TRUE(IsOk(alice));
  ASSERT_TRUE(IsOk(bob));
  AuthorizationCode alices_code = make_code("alice-code", "fa");
  alices_code.user_id = alice->id;
  AuthorizationCode bobs_code = make_code("bob-code", "fb");
  bobs_code.user_id = bob->id;
  ASSERT_TRUE(IsOk(store_->save_code(alices_code)));
  ASSERT_TRUE(IsOk(store_->save_code(bobs_code)));
  ASSERT_TRUE(IsOk(store_->save_session(make_session("alice-session", alice->id))));
  ASSERT_TRUE(IsOk(store_->save_session(make_session("bob-session", bob->id))));
  ASSERT_TRUE(IsOk(store_->delete_user(alice->id)));
  EXPECT_FALSE(code("alice-code").has_value());
  EXPECT_FALSE(session("alice-session").has_value());
  EXPECT_TRUE(code("bob-code").has_value());
  EXPECT_TRUE(session("bob-session").has_value());
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return backend_label(info.param);
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreContractTest,
                         ::testing::Values(Backend::kMemory, Backend::kSqliteFile,
                                           Backend::kPostgres),
                         backend_name);

// ---- SociStore on its own ----------------------------------------------------------------

std::unique_ptr<SociStore> open_or_null(const std::string& url, int pool = 4) {
  try {
    return SociStore::open(url, pool);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "SociStore::open(" << url << ") threw: " << e.what();
    return nullptr;
  }
}

TEST(SociStoreSqliteTest, DataSurvivesClosingAndReopeningTheFile) {
  TempDir dir;
  const std::string url = "sqlite:" + dir.file("persist.db");
  std::int64_t alice_id = 0;
  {
    auto store = open_or_null(url);
    ASSERT_NE(store, nullptr);
    auto alice = store->create_user(make_user("alice", {"staff"}));
    ASSERT_TRUE(IsOk(alice));
    alice_id = alice->id;
    ASSERT_TRUE(IsOk(store->create_client(make_client("app"))));
    ASSERT_TRUE(IsOk(store->upsert_scope({"read", "Read"})));
    ASSERT_TRUE(IsOk(store->save_tokens({refresh("r0", "fam")})));
    ASSERT_TRUE(IsOk(store->rotate_refresh("r0", "app", kNow, {refresh("r1", "fam")})));
  }
  auto store = open_or_null(url);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), storage::latest_schema_version());
  auto alice = store->find_user("alice");
  ASSERT_TRUE(IsOk(alice));
  ASSERT_TRUE(alice->has_value());
  EXPECT_EQ((*alice)->id, alice_id);
  EXPECT_EQ((*alice)->groups, (std::vector<std::string>{"staff"}));
  auto client = store->find_client("app");
  ASSERT_TRUE(IsOk(client));
  EXPECT_TRUE(client->has_value());
  auto scopes = store->list_scopes();
  ASSERT_TRUE(IsOk(scopes));
  EXPECT_EQ(scopes->size(), 1u);
  auto r0 = store->find_token("r0");
  ASSERT_TRUE(IsOk(r0));
  ASSERT_TRUE(r0->has_value());
  EXPECT_TRUE((*r0)->used);
  auto r1 = store->find_token("r1");
  ASSERT_TRUE(IsOk(r1));
  EXPECT_TRUE(r1->has_value());
  // A new id never reuses a deleted one.
  ASSERT_TRUE(IsOk(store->delete_user(alice_id)));
  auto bob = store->create_user(make_user("bob"));
  ASSERT_TRUE(IsOk(bob));
  EXPECT_GT(bob->id, alice_id);
}

// Several stores (standing in for several server processes) open one fresh database at once:
// every open succeeds, the schema is migrated exactly once, and they all see the same data.
void expect_concurrent_opens_agree(const std::string& url) {
  constexpr int kOpeners = 4;
  std::vector<std::unique_ptr<SociStore>> stores(kOpeners);
  std::vector<std::string> errors(kOpeners);
  std::vector<std::thread> threads;
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back([&, i] {
      try {
        stores[i] = SociStore::open(url, 2);
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kOpeners; ++i) {
    ASSERT_EQ(errors[i], "") << "opener " << i;
    ASSERT_NE(stores[i], nullptr);
    EXPECT_EQ(stores[i]->schema_version(), storage::latest_schema_version());
  }
  ASSERT_TRUE(IsOk(stores[0]->create_client(make_client("app"))));
  auto seen = stores[kOpeners - 1]->find_client("app");
  ASSERT_TRUE(IsOk(seen));
  EXPECT_TRUE(seen->has_value());
  // Migrating again is a no-op that keeps the data.
  EXPECT_NO_THROW(stores[1]->migrate());
  EXPECT_EQ(stores[1]->schema_version(), storage::latest_schema_version());
  auto still = stores[1]->find_client("app");
  ASSERT_TRUE(IsOk(still));
  EXPECT_TRUE(still->has_value());
}

TEST(SociStoreSqliteTest, ConcurrentOpensOfAFreshFileMigrateOnce) {
  // Several rounds: switching a fresh file to WAL while another connection holds a lock is
  // refused at once (SQLite does not wait where waiting could deadlock), which one round in
  // about a hundred met before the open retried it.
  for (int round = 0; round < 20; ++round) {
    TempDir dir;
    expect_concurrent_opens_agree("sqlite:" + dir.file("race.db"));
    if (HasFatalFailure() || HasNonfatalFailure()) return;
  }
}

TEST(SociStoreSqliteTest, InMemoryStoresArePrivateAndSharedByTheirPool) {
  auto a = open_or_null("sqlite::memory:", 4);
  auto b = open_or_null("sqlite::memory:", 4);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->backend(), "sqlite");
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto r = a->create_user(make_user("u" + std::to_string(t) + "-" + std::to_string(i)));
        if (!r.has_value()) failures.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto users_a = a->list_users();
  ASSERT_TRUE(IsOk(users_a));
  EXPECT_EQ(users_a->size(), 40u);
  auto users_b = b->list_users();
  ASSERT_TRUE(IsOk(users_b));
  EXPECT_TRUE(users_b->empty());
}

TEST(SociStoreSqliteTest, LockedDatabaseGivesUnavailableNotAnException) {
  TempDir dir;
  const std::string path = dir.file("locked.db");
  auto store = open_or_null("sqlite:" + path, 1);
  ASSERT_NE(store, nullptr);
  // Another connection takes the write lock and holds it past the store's 5 s busy timeout.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto r = store->create_client(make_client("app"));
  EXPECT_TRUE(IsError(r, Kind::kUnavailable));
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  // Once the lock is gone the same store works again.
  EXPECT_TRUE(IsOk(store->create_client(make_client("app"))));
}

std::uintmax_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : n;
}

// A reader that holds an old snapshot, as a steady load always has one: while it reads, no
// checkpoint can restart the WAL, so every commit makes the file longer.
class SnapshotReader {
 public:
  explicit SnapshotReader(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN; SELECT count(*) FROM tokens;", nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  ~SnapshotReader() {
    sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
  }
  SnapshotReader(const SnapshotReader&) = delete;
  SnapshotReader& operator=(const SnapshotReader&) = delete;

 private:
  sqlite3* db_ = nullptr;
};

void save_one_by_one(SociStore& store, const std::string& prefix, int n) {
  for (int i = 0; i < n; ++i) {
    ASSERT_TRUE(IsOk(store.save_tokens({access(prefix + std::to_string(i), prefix)})));
  }
}

// Issue 8 (7): 50,000 tokens from 4 clients left a 2 GB WAL. The housekeeping thread's
// checkpoint empties it, and after any checkpoint the file is cut back to 16 MiB.
TEST(SociStoreSqliteTest, WalIsCheckpointedToEmptyAndCutBackAfterAGrowthSpurt) {
  constexpr std::uintmax_t kLimit = 16u * 1024 * 1024;
  TempDir dir;
  const std::string path = dir.file("wal.db");
  auto store = open_or_null("sqlite:" + path, 2);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(IsOk(store->create_client(make_client("app"))));
  {
    SnapshotReader reader(path);
    save_one_by_one(*store, "grow-", 4000);
    ASSERT_GT(file_size_or_zero(path + "-wal"), kLimit) << "the reader did not pin the WAL";
  }
  ASSERT_TRUE(IsOk(store->checkpoint_journal()));
  EXPECT_EQ(file_size_or_zero(path + "-wal"), 0u) << "a checkpoint must truncate the WAL";

  // Without the explicit checkpoint: SQLite's own one (every 1,000 pages) restarts the WAL once
  // the reader is gone, and the restart cuts the file back to the limit.
  {
    SnapshotReader reader(path);
    save_one_by_one(*store, "again-", 4000);
    ASSERT_GT(file_size_or_zero(path + "-wal"), kLimit);
  }
  save_one_by_one(*store, "after-", 300);
  EXPECT_LE(file_size_or_zero(path + "-wal"), kLimit)
      << "the WAL keeps its high-water mark on disk";
  auto found = store->find_token("grow-3999");
  ASSERT_TRUE(IsOk(found));
  EXPECT_TRUE(found->has_value()) << "checkpointing must keep every committed row";
}

TEST(SociStoreOpenTest, RejectsBadUrlsWithOneSentence) {
  for (const char* url :
       {"", "oauth.db", "mysql://u@h/db", "sqlite:", "postgresql://",
        "postgresql://u:s3cr3t@127.0.0.1:port/db", "postgresql://u@h/db?password=s3cr3t&bad"}) {
    try {
      SociStore::open(url);
      ADD_FAILURE() << "opened " << url;
    } catch (const std::runtime_error& e) {
      std::string what = e.what();
      EXPECT_NE(what.find("database URL"), std::string::npos) << what;
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
      EXPECT_EQ(what.find("s3cr3t"), std::string::npos) << what;
    }
  }
}

TEST(SociStoreOpenTest, UnreachableDatabasesFailAtOpenWithoutLeakingThePassword) {
  TempDir dir;
  for (std::string url : {"sqlite:" + dir.file("no/such/dir/x.db"),
                          std::string("postgresql://alice:s3cr3t@127.0.0.1:1/db?connect_timeout=3"),
                          std::string("postgresql://host=127.0.0.1 port=1 dbname=db user=alice "
                                      "password=s3cr3t connect_timeout=3")}) {
    try {
      SociStore::open(url);
      ADD_FAILURE() << "opened " << url;
    } catch (const std::runtime_error& e) {
      std::string what = e.what();
      EXPECT_EQ(what.find("s3cr3t"), std::string::npos) << what;
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
      EXPECT_FALSE(what.empty());
    }
  }
}

#ifdef OCK_HAVE_POSTGRESQL
// Pulls one keyword's value out of a plain libpq keyword string (no quoting in the CI DSN).
std::string dsn_value(const std::string& dsn, const std::string& key) {
  std::string needle = key + "=";
  auto pos = dsn.find(needle);
  while (pos != std::string::npos && pos != 0 && dsn[pos - 1] != ' ')
    pos = dsn.find(needle, pos + 1);
  if (pos == std::string::npos) return "";
  auto start = pos + needle.size();
  return dsn.substr(start, dsn.find(' ', start) - start);
}

TEST(SociStorePostgresTest, UrlFormReachesTheSameDatabaseAsTheKeywordForm) {
  auto dsn = postgres_dsn();
  if (!dsn) GTEST_SKIP() << kNoPostgres;
  PgSchema schema(*dsn);
  ASSERT_EQ(schema.error(), "");
  auto keyword = open_or_null("postgresql://" + schema.dsn());
  ASSERT_NE(keyword, nullptr);
  EXPECT_EQ(keyword->backend(), "postgresql");
  EXPECT_EQ(keyword->schema_version(), storage::latest_schema_version());
  ASSERT_TRUE(IsOk(keyword->create_client(make_client("app"))));

  // Query parameters become libpq keywords; %3D is the '=' inside the options value.
  std::string url = "postgresql://" + dsn_value(*dsn, "user") + "@" + dsn_value(*dsn, "host") +
                    ":" + dsn_value(*dsn, "port") + "/" + dsn_value(*dsn, "dbname") +
                    "?connect_timeout=5&options=-csearch_path%3D" + schema.name();
  auto by_url = open_or_null(url);
  ASSERT_NE(by_url, nullptr) << url;
  auto found = by_url->find_client("app");
  ASSERT_TRUE(IsOk(found));
  EXPECT_TRUE(found->has_value());
}

TEST(SociStorePostgresTest, ConcurrentOpensOfAFreshDatabaseMigrateOnce) {
  auto dsn = postgres_dsn();
  if (!dsn) GTEST_SKIP() << kNoPostgres;
  PgSchema schema(*dsn);
  ASSERT_EQ(schema.error(), "");
  expect_concurrent_opens_agree("postgresql://" + schema.dsn());
}

TEST(SociStorePostgresTest, DroppedConnectionIsUnavailableThenRecovers) {
  auto dsn = postgres_dsn();
  if (!dsn) GTEST_SKIP() << kNoPostgres;
  PgSchema schema(*dsn);
  ASSERT_EQ(schema.error(), "");
  const std::string app = "ock_drop_" + schema.name();
  auto store = open_or_null("postgresql://" + schema.dsn() + " application_name=" + app, 1);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(IsOk(store->create_client(make_client("app"))));

  ASSERT_EQ(schema.exec("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                        " WHERE application_name = '" +
                        app + "'"),
            "");

  auto during = store->find_client("app");
  EXPECT_TRUE(IsError(during, Kind::kUnavailable));
  auto after = store->find_client("app");
  ASSERT_TRUE(IsOk(after));
  EXPECT_TRUE(after->has_value());
}
#endif

}  // namespace
}  // namespace ock::server
