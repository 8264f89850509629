// MemoryStore: the whole Store (users, groups, clients, scopes, tokens, authorization codes,
// login sessions) kept in process memory
// behind one mutex. Same observable semantics as SociStore; used by the core unit tests and the
// store contract suite. std only: it must not depend on SOCI, Pistache or any HTTP code.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reference-server/core/store.h"

namespace ock::server {

class MemoryStore final : public Store {
 public:
  MemoryStore() = default;
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

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
  bool username_taken(const std::string& username, std::int64_t except_id) const;
  bool can_insert(const std::vector<TokenRecord>& records) const;
  void insert_tokens(const std::vector<TokenRecord>& records);
  void revoke_family_locked(const std::string& family);

  std::mutex mu_;
  std::int64_t next_user_id_ = 1;
  std::map<std::int64_t, User> users_;  // groups kept sorted and unique
  std::set<std::string> groups_;
  std::map<std::string, Client, std::less<>> clients_;
  std::map<std::string, Scope, std::less<>> scopes_;
  std::unordered_map<std::string, TokenRecord> tokens_;
  std::map<std::string, AuthorizationCode, std::less<>> codes_;
  std::map<std::string, LoginSession, std::less<>> sessions_;
};

}  // namespace ock::server
