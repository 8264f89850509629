// OAuthError: the RFC 6749 §4.1.2.1 / §5.2, RFC 6750 §3.1 and RFC 7009 error codes as one
// X-macro table and
// a value type carrying a code and a description. Domain only: no HTTP framework here; the
// mapping to status codes and headers lives in http/oauth_reply.
#pragma once

#include <string>
#include <string_view>

namespace ock::server {

#define OCK_OAUTH_ERRORS(X)                                \
  X(kInvalidRequest, "invalid_request")                    \
  X(kInvalidClient, "invalid_client")                      \
  X(kInvalidGrant, "invalid_grant")                        \
  X(kUnauthorizedClient, "unauthorized_client")            \
  X(kUnsupportedGrantType, "unsupported_grant_type")       \
  X(kUnsupportedResponseType, "unsupported_response_type") \
  X(kAccessDenied, "access_denied")                        \
  X(kInvalidScope, "invalid_scope")                        \
  X(kInvalidToken, "invalid_token")                        \
  X(kInsufficientScope, "insufficient_scope")              \
  X(kUnsupportedTokenType, "unsupported_token_type")       \
  X(kSlowDown, "slow_down")                                \
  X(kServerError, "server_error")

enum class ErrorCode {
#define OCK_X(name, wire) name,
  OCK_OAUTH_ERRORS(OCK_X)
#undef OCK_X
};

// The wire string of a code ("invalid_grant").
std::string_view to_wire(ErrorCode code);

struct OAuthError {
  ErrorCode code = ErrorCode::kServerError;
  std::string description;
  // Set when the client tried to authenticate with the Authorization header (RFC 6749 §5.2:
  // then 401 with a WWW-Authenticate challenge of the scheme the client used).
  bool basic_auth_attempted = false;
  // Seconds the client should wait (brute-force cool-down); 0 when not throttled.
  long retry_after = 0;
};

inline OAuthError oauth_error(ErrorCode code, std::string description) {
  return OAuthError{code, std::move(description), false, 0};
}

}  // namespace ock::server
