// ServerConfig: the reference server's tunables (token, code and login-session lifetimes, PBKDF2
// cost, issuer, brute-force limits), filled from the command line by main. std only.
#pragma once

#include <cstdint>
#include <string>

#include "reference-server/core/login_throttle.h"

namespace ock::server {

inline constexpr int kDefaultPbkdf2Iterations = 600'000;

struct ServerConfig {
  std::int64_t access_ttl = 3600;          // seconds; a client's token_ttl overrides it
  std::int64_t refresh_ttl = 14 * 86400;   // seconds
  std::int64_t code_ttl = 60;              // seconds an authorization code may be redeemed
  std::int64_t session_idle_ttl = 600;     // seconds a login session lives without use
  int pbkdf2_iterations = kDefaultPbkdf2Iterations;
  std::string issuer;  // "" = derived from the request's scheme and Host
  ThrottleConfig throttle;         // wrong passwords per username (password grant)
  int client_max_failures = 10;    // wrong client secrets per client id, same window and lockout
};

}  // namespace ock::server
