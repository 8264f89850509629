// The reference server's domain records: users, clients, scopes and issued tokens as the stores
// keep them. Secrets appear here only as hashes (PBKDF2 for passwords, SHA-256 for client
// secrets and tokens). std only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ock::server {

struct User {
  std::int64_t id = 0;  // assigned by the store
  std::string username;
  std::string email;
  std::string first_name;
  std::string last_name;
  bool staff = false;
  std::string password_hash;  // "pbkdf2_sha256$<iterations>$<salt b64>$<hash b64>", or "" (no login)
  std::vector<std::string> groups;
};

enum class ClientType { kConfidential, kPublic };

struct Client {
  std::string client_id;
  std::string secret_hash;  // lower-case hex SHA-256 of the secret; "" for public clients
  std::string name;
  ClientType type = ClientType::kConfidential;
  std::vector<std::string> grants;  // "password", "refresh_token", "client_credentials"
  std::vector<std::string> scopes;  // scopes the client may obtain
  std::optional<std::int64_t> token_ttl;  // overrides the server's access-token TTL
};

struct Scope {
  std::string name;
  std::string description;
};

enum class TokenKind { kAccess, kRefresh };

struct TokenRecord {
  std::string hash;  // lower-case hex SHA-256 of the token; the token itself is never stored
  TokenKind kind = TokenKind::kAccess;
  std::string client_id;
  std::optional<std::int64_t> user_id;  // none for client_credentials
  std::string scope;                    // space-separated granted scope
  std::int64_t issued_at = 0;           // unix seconds
  std::int64_t expires_at = 0;          // unix seconds
  std::string family;                   // one id per original grant, shared by every rotation
  bool revoked = false;
  bool used = false;  // refresh tokens: already exchanged (rotated away)
};

}  // namespace ock::server
