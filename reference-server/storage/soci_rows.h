// SociStore's record mapping: the bind targets of one users, clients, tokens,
// authorization_codes or login_sessions row, and the conversions between those rows and the
// core's records. Internal to storage/ (includes SOCI); no SQL beyond the column lists.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "reference-server/core/models.h"

namespace ock::server::storage {

// The text the kind and client_type columns hold.
const char* kind_name(TokenKind k);
const char* type_name(ClientType t);

// Each row: kColumns in table order, bind() adds an into-binding per column (for a SELECT of
// kColumns), and the conversion to the core's record.
struct UserRow {
  std::int64_t id = 0;
  std::string username, email, first_name, last_name, password_hash;
  int staff = 0;

  static constexpr const char* kColumns =
      "id, username, email, first_name, last_name, staff, password_hash";
  void bind(soci::statement& st);
  User to_user() const;  // without groups
};

struct ClientRow {
  std::string client_id, secret_hash, name, type, grants, scopes, redirect_uris;
  std::int64_t token_ttl = 0;
  soci::indicator ttl_ind = soci::i_null;
  int first_party = 0;

  static constexpr const char* kColumns =
      "client_id, secret_hash, name, client_type, grants, scopes, token_ttl, redirect_uris,"
      " first_party";
  void bind(soci::statement& st);
  // A use-binding per column (for an INSERT of kColumns); fill them with assign().
  void bind_use(soci::statement& st);
  void assign(const Client& c);
  Client to_client() const;
};

struct TokenRow {
  std::string hash, kind, client_id, scope, family;
  std::int64_t user_id = 0, issued_at = 0, expires_at = 0;
  soci::indicator user_ind = soci::i_null;
  int revoked = 0, used = 0;

  static constexpr const char* kColumns =
      "hash, kind, client_id, user_id, scope, issued_at, expires_at, family, revoked, used";
  void bind(soci::statement& st);
  // A use-binding per column (for an INSERT of kColumns); fill them with assign().
  void bind_use(soci::statement& st);
  void assign(const TokenRecord& r);
  TokenRecord to_record() const;
};

struct CodeRow {
  std::string hash, client_id, scope, redirect_uri, code_challenge, family;
  std::int64_t user_id = 0, issued_at = 0, expires_at = 0;
  soci::indicator redirect_ind = soci::i_null;
  int used = 0;

  static constexpr const char* kColumns =
      "hash, client_id, user_id, scope, redirect_uri, code_challenge, issued_at, expires_at,"
      " family, used";
  void bind(soci::statement& st);
  void bind_use(soci::statement& st);
  void assign(const AuthorizationCode& c);
  AuthorizationCode to_code() const;
};

struct SessionRow {
  std::string hash;
  std::int64_t user_id = 0, created_at = 0, expires_at = 0;

  static constexpr const char* kColumns = "hash, user_id, created_at, expires_at";
  void bind(soci::statement& st);
  void bind_use(soci::statement& st);
  void assign(const LoginSession& s);
  LoginSession to_session() const;
};

}  // namespace ock::server::storage
