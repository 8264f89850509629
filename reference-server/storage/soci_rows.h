// SociStore's record mapping: the bind targets of one users, clients or tokens row, and the
// conversions between those rows and the core's User, Client and TokenRecord. Internal to
// storage/ (includes SOCI); no SQL beyond the column lists.
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
  std::string client_id, secret_hash, name, type, grants, scopes;
  std::int64_t token_ttl = 0;
  soci::indicator ttl_ind = soci::i_null;

  static constexpr const char* kColumns =
      "client_id, secret_hash, name, client_type, grants, scopes, token_ttl";
  void bind(soci::statement& st);
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

}  // namespace ock::server::storage
