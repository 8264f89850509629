// Login sessions and CSRF tokens of the authorization endpoint: a session is a random 256-bit
// cookie whose SHA-256 the Store keeps with the user and an idle expiry (servers on one database
// share it); a CSRF token is derived from the cookie it is bound to (the session's, or the login
// form's pre-session cookie), so it needs no storage. Also Cookie and Set-Cookie handling.
// std + core only: no HTTP framework, no pages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reference-server/core/api.h"
#include "reference-server/core/clock.h"
#include "reference-server/core/models.h"
#include "reference-server/core/result.h"
#include "reference-server/core/store.h"

namespace ock::server {

// The signed-in user's session cookie, and the login form's pre-session cookie.
inline constexpr std::string_view kSessionCookie = "ock_session";
inline constexpr std::string_view kLoginCookie = "ock_login";
// Both are sent only to the OAuth endpoints.
inline constexpr std::string_view kCookiePath = "/oauth/";
// However busy, a session ends this many seconds after the login that started it.
inline constexpr std::int64_t kSessionMaxAge = 12 * 3600;

// What a CSRF token is bound to: the login form (the pre-session cookie) or a session.
enum class CsrfPurpose { kLogin, kSession };

// The value of cookie `name` in a Cookie header ("a=1; b=2", RFC 6265 §5.4); the first one
// when repeated; nullopt when absent.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

// True when `value` can be one of our cookie values: 43 base64url characters (256 bits).
bool is_cookie_token(std::string_view value);

// "name=value; Path=/oauth/; HttpOnly; SameSite=Lax", plus "; Secure" when `secure`.
std::string set_cookie_value(std::string_view name, std::string_view value, bool secure);

// BASE64URL(SHA-256(purpose label, cookie value)): the CSRF token bound to that cookie.
std::string csrf_token(CsrfPurpose purpose, std::string_view cookie);

// True when `presented` is the CSRF token of `cookie` (constant-time); false when either is
// missing.
bool csrf_token_matches(CsrfPurpose purpose, const std::optional<std::string>& cookie,
                        const std::optional<std::string>& presented);

// A live session and the cookie value it was found by.
struct ActiveSession {
  LoginSession record;
  std::string cookie;
};

class LoginSessions {
 public:
  LoginSessions(AuthorizationStore& store, const Clock& clock, std::int64_t idle_ttl)
      : store_(store), clock_(clock), idle_ttl_(idle_ttl) {}

  // The session the request's session cookie names, when it is live; its idle expiry is then
  // pushed forward (never past kSessionMaxAge after the login). nullopt without a cookie or
  // for an unknown or expired session.
  StoreResult<std::optional<ActiveSession>> current(const ApiRequest& req);

  // Starts a new session for `user_id` (a fresh value, so a fixated cookie is worthless) and
  // ends the one the request carried, if any. Returns the new session.
  StoreResult<ActiveSession> start(const ApiRequest& req, std::int64_t user_id);

 private:
  AuthorizationStore& store_;
  const Clock& clock_;
  std::int64_t idle_ttl_;
};

}  // namespace ock::server
