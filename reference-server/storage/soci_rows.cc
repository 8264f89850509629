#include "reference-server/storage/soci_rows.h"

#include "reference-server/storage/word_lists.h"

namespace ock::server::storage {

const char* kind_name(TokenKind k) { return k == TokenKind::kRefresh ? "refresh" : "access"; }
const char* type_name(ClientType t) { return t == ClientType::kPublic ? "public" : "confidential"; }

void UserRow::bind(soci::statement& st) {
  st.exchange(soci::into(id));
  st.exchange(soci::into(username));
  st.exchange(soci::into(email));
  st.exchange(soci::into(first_name));
  st.exchange(soci::into(last_name));
  st.exchange(soci::into(staff));
  st.exchange(soci::into(password_hash));
}

User UserRow::to_user() const {
  return User{id, username, email, first_name, last_name, staff != 0, password_hash, {}};
}

namespace {

// Calls `f(column)` (or `f(column, indicator)`) for every column of a row, in its kColumns
// order, so that the into and use bindings cannot drift apart.
template <class F>
void for_each_column(ClientRow& row, F&& f) {
  f(row.client_id);
  f(row.secret_hash);
  f(row.name);
  f(row.type);
  f(row.grants);
  f(row.scopes);
  f(row.token_ttl, row.ttl_ind);
  f(row.redirect_uris);
  f(row.first_party);
}

template <class F>
void for_each_column(TokenRow& row, F&& f) {
  f(row.hash);
  f(row.kind);
  f(row.client_id);
  f(row.user_id, row.user_ind);
  f(row.scope);
  f(row.issued_at);
  f(row.expires_at);
  f(row.family);
  f(row.revoked);
  f(row.used);
}

template <class F>
void for_each_column(CodeRow& row, F&& f) {
  f(row.hash);
  f(row.client_id);
  f(row.user_id);
  f(row.scope);
  f(row.redirect_uri, row.redirect_ind);
  f(row.code_challenge);
  f(row.issued_at);
  f(row.expires_at);
  f(row.family);
  f(row.used);
}

template <class F>
void for_each_column(SessionRow& row, F&& f) {
  f(row.hash);
  f(row.user_id);
  f(row.created_at);
  f(row.expires_at);
}

// An into-binding per column, for a SELECT of the row's kColumns.
template <class Row>
void bind_into(Row& row, soci::statement& st) {
  for_each_column(row,
                  [&](auto& column, auto&... ind) { st.exchange(soci::into(column, ind...)); });
}

// A use-binding per column, for an INSERT of the row's kColumns.
template <class Row>
void bind_use_all(Row& row, soci::statement& st) {
  for_each_column(row, [&](auto& column, auto&... ind) { st.exchange(soci::use(column, ind...)); });
}

}  // namespace

void ClientRow::bind(soci::statement& st) { bind_into(*this, st); }
void ClientRow::bind_use(soci::statement& st) { bind_use_all(*this, st); }

void ClientRow::assign(const Client& c) {
  client_id = c.client_id;
  secret_hash = c.secret_hash;
  name = c.name;
  type = type_name(c.type);
  grants = join_words(c.grants);
  scopes = join_words(c.scopes);
  token_ttl = c.token_ttl.value_or(0);
  ttl_ind = c.token_ttl ? soci::i_ok : soci::i_null;
  redirect_uris = join_words(c.redirect_uris);
  first_party = c.first_party ? 1 : 0;
}

Client ClientRow::to_client() const {
  Client c;
  c.client_id = client_id;
  c.secret_hash = secret_hash;
  c.name = name;
  c.type = type == "public" ? ClientType::kPublic : ClientType::kConfidential;
  c.grants = split_words(grants);
  c.scopes = split_words(scopes);
  if (ttl_ind == soci::i_ok) c.token_ttl = token_ttl;
  c.redirect_uris = split_words(redirect_uris);
  c.first_party = first_party != 0;
  return c;
}

void TokenRow::bind(soci::statement& st) { bind_into(*this, st); }
void TokenRow::bind_use(soci::statement& st) { bind_use_all(*this, st); }

void TokenRow::assign(const TokenRecord& r) {
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

TokenRecord TokenRow::to_record() const {
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

void CodeRow::bind(soci::statement& st) { bind_into(*this, st); }
void CodeRow::bind_use(soci::statement& st) { bind_use_all(*this, st); }

void CodeRow::assign(const AuthorizationCode& c) {
  hash = c.hash;
  client_id = c.client_id;
  user_id = c.user_id;
  scope = c.scope;
  redirect_uri = c.redirect_uri.value_or("");
  redirect_ind = c.redirect_uri ? soci::i_ok : soci::i_null;
  code_challenge = c.code_challenge;
  issued_at = c.issued_at;
  expires_at = c.expires_at;
  family = c.family;
  used = c.used ? 1 : 0;
}

AuthorizationCode CodeRow::to_code() const {
  AuthorizationCode c;
  c.hash = hash;
  c.client_id = client_id;
  c.user_id = user_id;
  c.scope = scope;
  if (redirect_ind == soci::i_ok) c.redirect_uri = redirect_uri;
  c.code_challenge = code_challenge;
  c.issued_at = issued_at;
  c.expires_at = expires_at;
  c.family = family;
  c.used = used != 0;
  return c;
}

void SessionRow::bind(soci::statement& st) { bind_into(*this, st); }
void SessionRow::bind_use(soci::statement& st) { bind_use_all(*this, st); }

void SessionRow::assign(const LoginSession& s) {
  hash = s.hash;
  user_id = s.user_id;
  created_at = s.created_at;
  expires_at = s.expires_at;
}

LoginSession SessionRow::to_session() const {
  return LoginSession{hash, user_id, created_at, expires_at};
}

}  // namespace ock::server::storage
