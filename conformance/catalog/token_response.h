// A lenient, non-judging view of a token-endpoint reply (RFC 6749 §5.1/§5.2 member names) and of
// a JSON body, for case bodies that need values (the refresh token, the granted scope). Judging
// the same reply is the job of checks.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "conformance/catalog/transport.h"

namespace ock::conformance::catalog {

struct TokenResponse {
  std::optional<std::string> access_token;
  std::optional<std::string> refresh_token;
  std::optional<std::string> token_type;
  std::optional<std::string> scope;
  std::optional<std::int64_t> expires_in;  // only when a JSON integer (or an integral string)
  std::optional<std::string> error;
  nlohmann::json body;  // the parsed object
};

// The body as JSON when it parses (any JSON value), else nullopt. Never throws.
std::optional<nlohmann::json> parse_json_body(const HttpResponse& r);
// The token-endpoint reply when the body is a JSON object, else nullopt.
std::optional<TokenResponse> parse_token_response(const HttpResponse& r);
// True when the reply is a 2xx carrying a non-empty access_token: a token was issued.
bool token_issued(const HttpExchange& x);
// "200", "400 invalid_grant", "401 invalid_client (WWW-Authenticate: Basic realm=...)": the
// short actual value for assertion messages.
std::string describe(const HttpExchange& x);

}  // namespace ock::conformance::catalog
