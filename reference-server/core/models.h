// The reference server's domain records: users, clients, scopes, issued tokens, authorization
// codes and login sessions as the stores keep them. Secrets appear here only as hashes (PBKDF2
// for passwords, SHA-256 for client secrets, tokens, codes and session ids). std only.
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
  std::vector<std::string> grants;  // "authorization_code", "password", "refresh_token",
                                    // "client_credentials"
  std::vector<std::string> scopes;  // scopes the client may obtain
  std::optional<std::int64_t> token_ttl;  // overrides the server's access-token TTL
  std::vector<std::string> redirect_uris;  // registered redirection endpoints (RFC 6749 §3.1.2)
  bool first_party = false;                // true: the user is not asked for consent
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

// An authorization code (RFC 6749 §4.1.2) with what it is bound to.
struct AuthorizationCode {
  std::string hash;  // lower-case hex SHA-256 of the code; the code itself is never stored
  std::string client_id;
  std::int64_t user_id = 0;
  std::string scope;  // space-separated scope the user granted
  // The redirect_uri parameter of the authorization request as sent; none when it was omitted
  // (RFC 6749 §4.1.3: then the token request need not repeat it).
  std::optional<std::string> redirect_uri;
  std::string code_challenge;   // the S256 challenge (RFC 7636 §4.2)
  std::int64_t issued_at = 0;   // unix seconds
  std::int64_t expires_at = 0;  // unix seconds
  // The family of the tokens its redemption issues, so that a second redemption can revoke
  // them (RFC 6749 §4.1.2), as a reused refresh token revokes its family.
  std::string family;
  bool used = false;
};

// A signed-in user at the authorization endpoint (the session cookie's server side).
struct LoginSession {
  std::string hash;  // lower-case hex SHA-256 of the cookie value; the value is never stored
  std::int64_t user_id = 0;
  std::int64_t created_at = 0;  // unix seconds
  std::int64_t expires_at = 0;  // unix seconds; pushed forward on every use (idle timeout)
};

}  // namespace ock::server
