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

void ClientRow::bind(soci::statement& st) {
  st.exchange(soci::into(client_id));
  st.exchange(soci::into(secret_hash));
  st.exchange(soci::into(name));
  st.exchange(soci::into(type));
  st.exchange(soci::into(grants));
  st.exchange(soci::into(scopes));
  st.exchange(soci::into(token_ttl, ttl_ind));
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
  return c;
}

namespace {

// Calls `f(column)` (or `f(column, indicator)`) for every column of a tokens row, in kColumns
// order, so that the into and use bindings cannot drift apart.
template <class Row, class F>
void for_each_token_column(Row& row, F&& f) {
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

}  // namespace

void TokenRow::bind(soci::statement& st) {
  for_each_token_column(*this, [&](auto& column, auto&... ind) {
    st.exchange(soci::into(column, ind...));
  });
}

void TokenRow::bind_use(soci::statement& st) {
  for_each_token_column(*this, [&](auto& column, auto&... ind) {
    st.exchange(soci::use(column, ind...));
  });
}

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

}  // namespace ock::server::storage
