#include "reference-server/storage/memory_store.h"

#include <algorithm>
#include <utility>

#include "reference-server/storage/word_lists.h"

namespace ock::server {
namespace {

using storage::sorted_unique;

// The value stored under `key`, if any.
template <class Map, class Key>
std::optional<typename Map::mapped_type> find_value(const Map& map, const Key& key) {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

// Every stored value, in the map's order.
template <class Map>
std::vector<typename Map::mapped_type> values_of(const Map& map) {
  std::vector<typename Map::mapped_type> out;
  out.reserve(map.size());
  for (const auto& entry : map) out.push_back(entry.second);
  return out;
}

StorageError conflict(std::string message) {
  return StorageError{StorageError::Kind::kConflict, std::move(message)};
}

}  // namespace

bool MemoryStore::username_taken(const std::string& username, std::int64_t except_id) const {
  return std::any_of(users_.begin(), users_.end(), [&](const auto& entry) {
    return entry.first != except_id && entry.second.username == username;
  });
}

StoreResult<std::optional<User>> MemoryStore::find_user(std::string_view username) {
  std::lock_guard lock(mu_);
  for (const auto& [id, user] : users_) {
    if (user.username == username) return std::optional<User>(user);
  }
  return std::optional<User>();
}

StoreResult<std::optional<User>> MemoryStore::find_user_by_id(std::int64_t id) {
  std::lock_guard lock(mu_);
  return find_value(users_, id);
}

StoreResult<std::vector<User>> MemoryStore::list_users() {
  std::lock_guard lock(mu_);
  return values_of(users_);
}

StoreResult<User> MemoryStore::create_user(const User& user) {
  std::lock_guard lock(mu_);
  if (username_taken(user.username, 0)) {
    return unexpected(conflict("username already exists: " + user.username));
  }
  User stored = user;
  stored.id = next_user_id_++;
  stored.groups = sorted_unique(user.groups);
  groups_.insert(stored.groups.begin(), stored.groups.end());
  users_.emplace(stored.id, stored);
  return stored;
}

StoreResult<bool> MemoryStore::update_user(const User& user) {
  std::lock_guard lock(mu_);
  auto it = users_.find(user.id);
  if (it == users_.end()) return false;
  if (username_taken(user.username, user.id)) {
    return unexpected(conflict("username already exists: " + user.username));
  }
  User stored = user;
  stored.groups = sorted_unique(user.groups);
  groups_.insert(stored.groups.begin(), stored.groups.end());
  it->second = std::move(stored);
  return true;
}

StoreResult<bool> MemoryStore::delete_user(std::int64_t id) {
  std::lock_guard lock(mu_);
  if (users_.erase(id) == 0) return false;
  std::erase_if(tokens_, [id](const auto& entry) { return entry.second.user_id == id; });
  std::erase_if(codes_, [id](const auto& entry) { return entry.second.user_id == id; });
  std::erase_if(sessions_, [id](const auto& entry) { return entry.second.user_id == id; });
  return true;
}

StoreResult<std::vector<std::string>> MemoryStore::list_groups() {
  std::lock_guard lock(mu_);
  return std::vector<std::string>(groups_.begin(), groups_.end());
}

StoreResult<void> MemoryStore::ensure_group(std::string_view name) {
  std::lock_guard lock(mu_);
  groups_.emplace(name);
  return {};
}

StoreResult<std::optional<Client>> MemoryStore::find_client(std::string_view client_id) {
  std::lock_guard lock(mu_);
  return find_value(clients_, client_id);
}

StoreResult<std::vector<Client>> MemoryStore::list_clients() {
  std::lock_guard lock(mu_);
  return values_of(clients_);
}

StoreResult<void> MemoryStore::create_client(const Client& client) {
  std::lock_guard lock(mu_);
  if (!clients_.emplace(client.client_id, client).second) {
    return unexpected(conflict("client_id already exists: " + client.client_id));
  }
  return {};
}

StoreResult<void> MemoryStore::upsert_scope(const Scope& scope) {
  std::lock_guard lock(mu_);
  scopes_.insert_or_assign(scope.name, scope);
  return {};
}

StoreResult<std::vector<Scope>> MemoryStore::list_scopes() {
  std::lock_guard lock(mu_);
  return values_of(scopes_);
}

// True when none of the hashes is stored already and none repeats inside the batch.
bool MemoryStore::can_insert(const std::vector<TokenRecord>& records) const {
  std::set<std::string_view> seen;
  for (const auto& r : records) {
    if (tokens_.count(r.hash) != 0 || !seen.insert(r.hash).second) return false;
  }
  return true;
}

void MemoryStore::insert_tokens(const std::vector<TokenRecord>& records) {
  for (const auto& r : records) tokens_.emplace(r.hash, r);
}

StoreResult<void> MemoryStore::save_tokens(const std::vector<TokenRecord>& records) {
  std::lock_guard lock(mu_);
  if (!can_insert(records)) return unexpected(conflict("duplicate token hash"));
  insert_tokens(records);
  return {};
}

StoreResult<std::optional<TokenRecord>> MemoryStore::find_token(std::string_view hash) {
  std::lock_guard lock(mu_);
  return find_value(tokens_, std::string(hash));
}

StoreResult<RotateOutcome> MemoryStore::rotate_refresh(std::string_view old_hash,
                                                       std::string_view client_id, std::int64_t now,
                                                       const std::vector<TokenRecord>& fresh) {
  std::lock_guard lock(mu_);
  auto it = tokens_.find(std::string(old_hash));
  if (it == tokens_.end()) return RotateOutcome::kNotUsable;
  TokenRecord& old = it->second;
  if (old.kind != TokenKind::kRefresh || old.revoked || old.client_id != client_id) {
    return RotateOutcome::kNotUsable;
  }
  if (old.used) {
    revoke_family_locked(old.family);
    return RotateOutcome::kReused;
  }
  if (old.expires_at <= now) return RotateOutcome::kNotUsable;
  if (!can_insert(fresh)) return unexpected(conflict("duplicate token hash"));
  old.used = true;
  insert_tokens(fresh);
  return RotateOutcome::kRotated;
}

void MemoryStore::revoke_family_locked(const std::string& family) {
  for (auto& entry : tokens_) {
    if (entry.second.family == family) entry.second.revoked = true;
  }
}

StoreResult<bool> MemoryStore::revoke_token(std::string_view hash) {
  std::lock_guard lock(mu_);
  auto it = tokens_.find(std::string(hash));
  if (it == tokens_.end()) return false;
  it->second.revoked = true;
  return true;
}

StoreResult<int> MemoryStore::revoke_family(std::string_view family) {
  std::lock_guard lock(mu_);
  int changed = 0;
  for (auto& entry : tokens_) {
    if (entry.second.family == family && !entry.second.revoked) {
      entry.second.revoked = true;
      ++changed;
    }
  }
  return changed;
}

StoreResult<int> MemoryStore::purge_expired(std::int64_t before) {
  std::lock_guard lock(mu_);
  return static_cast<int>(std::erase_if(
      tokens_, [before](const auto& entry) { return entry.second.expires_at < before; }));
}

StoreResult<void> MemoryStore::save_code(const AuthorizationCode& code) {
  std::lock_guard lock(mu_);
  if (!codes_.emplace(code.hash, code).second) return unexpected(conflict("duplicate code hash"));
  return {};
}

StoreResult<std::optional<AuthorizationCode>> MemoryStore::find_code(std::string_view hash) {
  std::lock_guard lock(mu_);
  return find_value(codes_, hash);
}

StoreResult<RedeemOutcome> MemoryStore::redeem_code(std::string_view hash,
                                                    std::string_view client_id, std::int64_t now,
                                                    const std::vector<TokenRecord>& tokens) {
  std::lock_guard lock(mu_);
  auto it = codes_.find(hash);
  if (it == codes_.end() || it->second.client_id != client_id) return RedeemOutcome::kNotUsable;
  AuthorizationCode& code = it->second;
  if (code.used) {
    revoke_family_locked(code.family);
    return RedeemOutcome::kReused;
  }
  if (code.expires_at <= now) return RedeemOutcome::kNotUsable;
  if (!can_insert(tokens)) return unexpected(conflict("duplicate token hash"));
  code.used = true;
  insert_tokens(tokens);
  return RedeemOutcome::kRedeemed;
}

StoreResult<int> MemoryStore::purge_codes(std::int64_t before) {
  std::lock_guard lock(mu_);
  return static_cast<int>(std::erase_if(
      codes_, [before](const auto& entry) { return entry.second.expires_at < before; }));
}

StoreResult<void> MemoryStore::save_session(const LoginSession& session) {
  std::lock_guard lock(mu_);
  if (!sessions_.emplace(session.hash, session).second) {
    return unexpected(conflict("duplicate session hash"));
  }
  return {};
}

StoreResult<std::optional<LoginSession>> MemoryStore::find_session(std::string_view hash) {
  std::lock_guard lock(mu_);
  return find_value(sessions_, hash);
}

StoreResult<bool> MemoryStore::touch_session(std::string_view hash, std::int64_t expires_at) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(hash);
  if (it == sessions_.end()) return false;
  it->second.expires_at = expires_at;
  return true;
}

StoreResult<bool> MemoryStore::delete_session(std::string_view hash) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(hash);
  if (it == sessions_.end()) return false;
  sessions_.erase(it);
  return true;
}

StoreResult<int> MemoryStore::purge_sessions(std::int64_t before) {
  std::lock_guard lock(mu_);
  return static_cast<int>(std::erase_if(
      sessions_, [before](const auto& entry) { return entry.second.expires_at < before; }));
}

}  // namespace ock::server
