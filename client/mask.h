// Masking of secrets before anything reaches a terminal: a short prefix and "…" instead of a
// client secret, a password, a token or an Authorization value. Pure string and JSON
// functions; depends on the standard library and nlohmann_json only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ock::client {

// "demo-secret-1" -> "dem…": at most 4 leading characters (fewer for short values, none for
// 3 characters or less), then an ellipsis. An empty value stays empty.
std::string mask_secret(std::string_view secret);

// True for header names whose value is a credential (Authorization, Proxy-Authorization,
// Cookie, Set-Cookie), compared case-insensitively.
bool is_secret_header(std::string_view name);

// "Bearer abcdef…" / "Basic ZGVt…": keeps the scheme word, masks the credentials.
std::string mask_authorization(std::string_view value);

// A header's value as it may be shown: Authorization-like values as mask_authorization;
// Cookie "a=1; b=2" with every value masked; Set-Cookie with the cookie's value masked and its
// attributes (Path, HttpOnly, SameSite...) kept, since they are what a learner should see.
std::string mask_header(std::string_view name, std::string_view value);

// True for form or JSON field names that carry secrets: password, client_secret, code,
// assertion, code_verifier, and every name ending in "token" (access_token, refresh_token,
// token, id_token, a login form's csrf_token or csrfmiddlewaretoken).
bool is_secret_field(std::string_view name);

// Masks the values of secret fields in an application/x-www-form-urlencoded body.
std::string mask_form_body(std::string_view body);

// Returns a copy of the JSON value with every secret field's string value masked, at any depth.
nlohmann::json mask_json(const nlohmann::json& value);

// A last line of defence: knows the secrets of this run and replaces every literal occurrence
// of one of them in any text by its mask, so nothing printed can leak one in full.
class Redactor {
 public:
  // Adds a secret; values shorter than 4 characters are ignored (they would mask ordinary text).
  void add(std::string_view secret);
  std::string redact(std::string_view text) const;

 private:
  std::vector<std::string> secrets_;
};

}  // namespace ock::client
