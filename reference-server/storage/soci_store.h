// SociStore: the Store on a SQL database through SOCI, either SQLite (a file or a private
// in-memory database) or PostgreSQL (several servers may share one database): the CRUD of every
// store call and the applying of the schema migrations (storage/schema.h). The URL, the session
// pool and the retry wrapper are units of their own. SOCI stays behind a pointer: this header
// must not include SOCI (or anything but std and the core store interface).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reference-server/core/store.h"

namespace ock::server {

namespace storage {
class SessionPool;
class TokenCache;
template <class V>
class ReadCache;
}

class SociStore final : public Store {
 public:
  // Opens `db_url` (`sqlite:PATH`, `sqlite::memory:`, `postgresql://user:pass@host:port/dbname`
  // or `postgresql://<libpq keyword string>`) with `pool_size` sessions (SQLite: plus one for
  // the writes), then runs migrate(). On SQLite, find_token is served from a cache of the
  // records read in the last second (storage/token_cache.h), which every token change made
  // through this store invalidates at once; a change made by another process to the same file
  // is seen within that second. find_user and list_scopes are served the same way
  // (storage/read_cache.h): every user or scope write through this store clears them, another
  // process's within a second. PostgreSQL, which several server instances may share, has no
  // such cache: each lookup reads the database.
  // Throws std::runtime_error with one sentence on a bad URL, a connection failure or a failed
  // migration (a startup error); the message never contains a password.
  static std::unique_ptr<SociStore> open(const std::string& db_url, int pool_size = 4);

  ~SociStore() override;
  SociStore(const SociStore&) = delete;
  SociStore& operator=(const SociStore&) = delete;

  // Brings the schema to the newest version this build knows; idempotent and safe when several
  // processes open the same database at once. Throws std::runtime_error on failure.
  void migrate();
  // The schema version the database is at now; throws std::runtime_error on failure.
  int schema_version();
  // "sqlite" or "postgresql".
  std::string backend() const;

  // UserStore
  StoreResult<std::optional<User>> find_user(std::string_view username) override;
  StoreResult<std::optional<User>> find_user_by_id(std::int64_t id) override;
  StoreResult<std::vector<User>> list_users() override;
  StoreResult<User> create_user(const User& user) override;
  StoreResult<bool> update_user(const User& user) override;
  StoreResult<bool> delete_user(std::int64_t id) override;
  StoreResult<std::vector<std::string>> list_groups() override;
  StoreResult<void> ensure_group(std::string_view name) override;

  // ClientStore
  StoreResult<std::optional<Client>> find_client(std::string_view client_id) override;
  StoreResult<std::vector<Client>> list_clients() override;
  StoreResult<void> create_client(const Client& client) override;
  StoreResult<void> upsert_scope(const Scope& scope) override;
  StoreResult<std::vector<Scope>> list_scopes() override;

  // TokenStore
  StoreResult<void> save_tokens(const std::vector<TokenRecord>& records) override;
  StoreResult<std::optional<TokenRecord>> find_token(std::string_view hash) override;
  StoreResult<RotateOutcome> rotate_refresh(std::string_view old_hash, std::string_view client_id,
                                            std::int64_t now,
                                            const std::vector<TokenRecord>& fresh) override;
  StoreResult<bool> revoke_token(std::string_view hash) override;
  StoreResult<int> revoke_family(std::string_view family) override;
  StoreResult<int> purge_expired(std::int64_t before) override;
  // SQLite file, called every 50 ms off the request path: when the WAL holds more than 1 MiB,
  // a passive checkpoint (copies what it can into the database, holds no one back; the next
  // write then starts the WAL over); when the file is longer than 16 MiB (it could not restart:
  // a reader held an older snapshot), a truncating checkpoint, which waits (busy timeout) for
  // those readers, copies the WAL into the database and empties it. PostgreSQL and in-memory
  // SQLite: nothing.
  StoreResult<void> checkpoint_journal() override;

  // AuthorizationStore
  StoreResult<void> save_code(const AuthorizationCode& code) override;
  StoreResult<std::optional<AuthorizationCode>> find_code(std::string_view hash) override;
  StoreResult<RedeemOutcome> redeem_code(std::string_view hash, std::string_view client_id,
                                         std::int64_t now,
                                         const std::vector<TokenRecord>& tokens) override;
  StoreResult<int> purge_codes(std::int64_t before) override;
  StoreResult<void> save_session(const LoginSession& session) override;
  StoreResult<std::optional<LoginSession>> find_session(std::string_view hash) override;
  StoreResult<bool> touch_session(std::string_view hash, std::int64_t expires_at) override;
  StoreResult<bool> delete_session(std::string_view hash) override;
  StoreResult<int> purge_sessions(std::int64_t before) override;

 private:
  explicit SociStore(std::unique_ptr<storage::SessionPool> pool);
  std::unique_ptr<storage::SessionPool> pool_;
  std::unique_ptr<storage::TokenCache> token_cache_;  // SQLite only
  std::unique_ptr<storage::ReadCache<std::optional<User>>> user_cache_;  // SQLite only; by name
  std::unique_ptr<storage::ReadCache<std::vector<Scope>>> scope_cache_;  // SQLite only; key ""
  // Clears the user cache when it goes out of scope (after a user write's transaction).
  struct UserWrite;
  // Clients found so far. A client is never changed or deleted (the store has no call for it,
  // in any process), so a record read once stays right; unknown ids are not remembered.
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::mutex clients_mu_;
  std::unordered_map<std::string, Client, IdHash, std::equal_to<>> clients_;
  std::string wal_path_;  // SQLite file: its WAL, whose size checkpoint_journal() watches
};

}  // namespace ock::server
