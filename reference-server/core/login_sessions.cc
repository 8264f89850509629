#include "reference-server/core/login_sessions.h"

#include <algorithm>

#include "reference-server/core/crypto.h"

namespace ock::server {
namespace {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto end = header.find(';');
    std::string_view pair = trim_spaces(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && trim_spaces(pair.substr(0, eq)) == name) {
      return std::string(trim_spaces(pair.substr(eq + 1)));
    }
  }
  return std::nullopt;
}

bool is_cookie_token(std::string_view value) {
  return value.size() == 43 && std::all_of(value.begin(), value.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

std::string set_cookie_value(std::string_view name, std::string_view value, bool secure) {
  std::string out = std::string(name) + "=" + std::string(value) +
                    "; Path=" + std::string(kCookiePath) + "; HttpOnly; SameSite=Lax";
  if (secure) out += "; Secure";
  return out;
}

std::string csrf_token(CsrfPurpose purpose, std::string_view cookie) {
  // A label per purpose, so that a login form's token is never a session's token.
  const std::string_view label =
      purpose == CsrfPurpose::kLogin ? "ock-csrf-login:" : "ock-csrf-session:";
  return sha256_base64url(std::string(label) + std::string(cookie));
}

bool csrf_token_matches(CsrfPurpose purpose, const std::optional<std::string>& cookie,
                        const std::optional<std::string>& presented) {
  if (!cookie || !presented || !is_cookie_token(*cookie)) return false;
  return constant_time_equal(csrf_token(purpose, *cookie), *presented);
}

StoreResult<std::optional<ActiveSession>> LoginSessions::current(const ApiRequest& req) {
  auto cookie = cookie_value(req.cookie.value_or(""), kSessionCookie);
  if (!cookie || !is_cookie_token(*cookie)) return std::optional<ActiveSession>();
  const std::string hash = sha256_hex(*cookie);
  auto found = store_.find_session(hash);
  if (!found) return unexpected(found.error());
  const std::int64_t now = clock_.now();
  if (!found->has_value() || (*found)->expires_at <= now) return std::optional<ActiveSession>();
  LoginSession record = **found;
  record.expires_at = std::min(now + idle_ttl_, record.created_at + kSessionMaxAge);
  if (record.expires_at <= now) return std::optional<ActiveSession>();
  if (auto touched = store_.touch_session(hash, record.expires_at); !touched) {
    return unexpected(touched.error());
  }
  return std::optional<ActiveSession>(ActiveSession{record, *cookie});
}

StoreResult<ActiveSession> LoginSessions::start(const ApiRequest& req, std::int64_t user_id) {
  if (auto old = cookie_value(req.cookie.value_or(""), kSessionCookie);
      old && is_cookie_token(*old)) {
    if (auto ended = store_.delete_session(sha256_hex(*old)); !ended)
      return unexpected(ended.error());
  }
  const std::int64_t now = clock_.now();
  std::string cookie = random_token();
  LoginSession record{sha256_hex(cookie), user_id, now, now + idle_ttl_};
  if (auto saved = store_.save_session(record); !saved) return unexpected(saved.error());
  return ActiveSession{record, cookie};
}

}  // namespace ock::server
