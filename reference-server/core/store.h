// The narrow storage ports the core needs: users, clients (and scopes), tokens, authorization
// codes and login sessions. Implemented by
// storage/memory_store (tests) and storage/soci_store (SQLite, PostgreSQL). Implementations
// never throw: every failure comes back as a StorageError. std only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reference-server/core/models.h"
#include "reference-server/core/result.h"

namespace ock::server {

struct StorageError {
  enum class Kind { kConflict, kUnavailable, kOther };
  Kind kind = Kind::kOther;
  std::string message;  // for the log; never sent to a client
};

template <class T>
using StoreResult = Result<T, StorageError>;

class UserStore {
 public:
  virtual ~UserStore() = default;
  virtual StoreResult<std::optional<User>> find_user(std::string_view username) = 0;
  virtual StoreResult<std::optional<User>> find_user_by_id(std::int64_t id) = 0;
  // Every user, ordered by id.
  virtual StoreResult<std::vector<User>> list_users() = 0;
  // Inserts and returns the user with its new id; kConflict when the username exists.
  // Groups named in user.groups are created when missing.
  virtual StoreResult<User> create_user(const User& user) = 0;
  // Replaces the profile fields (username, email, names, staff, password_hash, groups) of
  // user.id; false when no such user; kConflict when the new username is taken.
  virtual StoreResult<bool> update_user(const User& user) = 0;
  // Deletes the user and every token, authorization code and login session of theirs; false
  // when no such user.
  virtual StoreResult<bool> delete_user(std::int64_t id) = 0;
  // Group names, sorted.
  virtual StoreResult<std::vector<std::string>> list_groups() = 0;
  // Creates the group if it does not exist.
  virtual StoreResult<void> ensure_group(std::string_view name) = 0;
};

class ClientStore {
 public:
  virtual ~ClientStore() = default;
  virtual StoreResult<std::optional<Client>> find_client(std::string_view client_id) = 0;
  // Ordered by client_id.
  virtual StoreResult<std::vector<Client>> list_clients() = 0;
  // kConflict when the client_id exists.
  virtual StoreResult<void> create_client(const Client& client) = 0;
  // Inserts or replaces the scope's description.
  virtual StoreResult<void> upsert_scope(const Scope& scope) = 0;
  // Ordered by name.
  virtual StoreResult<std::vector<Scope>> list_scopes() = 0;
};

enum class RotateOutcome {
  kRotated,    // the old refresh token was live: it is now used, and `fresh` was saved
  kReused,     // the old refresh token had been used already: its whole family is now revoked
  kNotUsable,  // unknown, revoked, expired, or issued to another client: nothing changed
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;
  // Saves all records in one transaction (all or nothing); kConflict on a duplicate hash.
  virtual StoreResult<void> save_tokens(const std::vector<TokenRecord>& records) = 0;
  virtual StoreResult<std::optional<TokenRecord>> find_token(std::string_view hash) = 0;
  // One atomic step of refresh-token rotation (RFC 9700 §4.14.2): see RotateOutcome. Of two
  // concurrent calls with the same old_hash, exactly one returns kRotated.
  virtual StoreResult<RotateOutcome> rotate_refresh(std::string_view old_hash,
                                                    std::string_view client_id, std::int64_t now,
                                                    const std::vector<TokenRecord>& fresh) = 0;
  // Marks one token revoked; false when no such token.
  virtual StoreResult<bool> revoke_token(std::string_view hash) = 0;
  // Marks every token of the family revoked; returns how many changed.
  virtual StoreResult<int> revoke_family(std::string_view family) = 0;
  // Deletes tokens that expired before `before`; returns how many.
  virtual StoreResult<int> purge_expired(std::int64_t before) = 0;
};

enum class RedeemOutcome {
  kRedeemed,   // the code was live: it is now used, and `tokens` were saved
  kReused,     // the code had been redeemed already (expired or not): the tokens of its family
               // are now revoked
  kNotUsable,  // unknown, issued to another client, or expired unused: nothing changed
};

class AuthorizationStore {
 public:
  virtual ~AuthorizationStore() = default;
  // kConflict on a duplicate hash.
  virtual StoreResult<void> save_code(const AuthorizationCode& code) = 0;
  virtual StoreResult<std::optional<AuthorizationCode>> find_code(std::string_view hash) = 0;
  // One atomic redemption (RFC 6749 §4.1.2 single use): see RedeemOutcome. Of two concurrent
  // calls with the same hash, exactly one returns kRedeemed. kConflict (and nothing changed)
  // when a token hash is taken.
  virtual StoreResult<RedeemOutcome> redeem_code(std::string_view hash, std::string_view client_id,
                                                 std::int64_t now,
                                                 const std::vector<TokenRecord>& tokens) = 0;
  // Deletes codes that expired before `before`; returns how many.
  virtual StoreResult<int> purge_codes(std::int64_t before) = 0;

  // kConflict on a duplicate hash.
  virtual StoreResult<void> save_session(const LoginSession& session) = 0;
  virtual StoreResult<std::optional<LoginSession>> find_session(std::string_view hash) = 0;
  // Sets the session's expiry; false when no such session.
  virtual StoreResult<bool> touch_session(std::string_view hash, std::int64_t expires_at) = 0;
  // false when no such session.
  virtual StoreResult<bool> delete_session(std::string_view hash) = 0;
  // Deletes sessions that expired before `before`; returns how many.
  virtual StoreResult<int> purge_sessions(std::int64_t before) = 0;
};

// Everything the server needs, in one object.
class Store : public UserStore, public ClientStore, public TokenStore, public AuthorizationStore {
 public:
  // Folds the store's write-ahead journal back into the database and truncates it, so that the
  // journal stays bounded under a steady load whose readers never let it restart on its own.
  // Called off the request path (the housekeeping thread); nothing to do where the store keeps
  // no such journal (PostgreSQL, memory).
  virtual StoreResult<void> checkpoint_journal() { return {}; }
};

}  // namespace ock::server
