// Checking a user's password: PBKDF2 verification with the per-username lockout, shared by the
// password grant (RFC 6749 §4.3.2) and the authorization endpoint's login form, so that both
// resist brute force the same way (RFC 6819 §4.4.3.6) and an unknown username costs one PBKDF2
// like a known one. std + core only: no HTTP, no pages, no OAuth error codes.
#pragma once

#include <cstdint>
#include <string>

#include "reference-server/core/clock.h"
#include "reference-server/core/login_throttle.h"
#include "reference-server/core/models.h"
#include "reference-server/core/result.h"
#include "reference-server/core/store.h"

namespace ock::server {

// Why a login was refused.
struct LoginRefused {
  enum class Why { kWrongCredentials, kLocked, kStorage };
  Why why = Why::kWrongCredentials;
  std::int64_t retry_after = 0;  // seconds, when kLocked
};

class UserLogin {
 public:
  UserLogin(UserStore& users, const Clock& clock, ThrottleConfig throttle, int pbkdf2_iterations);

  // The user when `password` is theirs. kLocked (without checking the password) while the
  // username is locked out; kWrongCredentials for a wrong password, an unknown username or a
  // user without a password (each counts towards the lockout); kStorage when the store fails.
  Result<User, LoginRefused> check(const std::string& username, const std::string& password);

 private:
  UserStore& users_;
  LoginThrottle throttle_;
  std::string dummy_password_hash_;
};

}  // namespace ock::server
