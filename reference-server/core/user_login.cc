#include "reference-server/core/user_login.h"

#include "reference-server/core/crypto.h"

namespace ock::server {

UserLogin::UserLogin(UserStore& users, const Clock& clock, ThrottleConfig throttle,
                     int pbkdf2_iterations)
    : users_(users),
      throttle_(clock, throttle),
      dummy_password_hash_(hash_password("ock-dummy-password", pbkdf2_iterations)) {}

Result<User, LoginRefused> UserLogin::check(const std::string& username,
                                            const std::string& password) {
  if (auto wait = throttle_.reserve(username); wait > 0) {
    return unexpected(LoginRefused{LoginRefused::Why::kLocked, wait});
  }
  ThrottleAttempt attempt(throttle_, username);
  auto user = users_.find_user(username);
  if (!user) return unexpected(LoginRefused{LoginRefused::Why::kStorage, 0});
  // Unknown users cost one PBKDF2 too, so that timing does not tell which usernames exist.
  const bool known = user->has_value() && !(*user)->password_hash.empty();
  const std::string& encoded = known ? (*user)->password_hash : dummy_password_hash_;
  if (!verify_password(password, encoded) || !known) {
    attempt.failed();
    return unexpected(LoginRefused{LoginRefused::Why::kWrongCredentials, 0});
  }
  attempt.succeeded();
  return **user;
}

}  // namespace ock::server
