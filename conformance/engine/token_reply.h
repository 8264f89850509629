// A lenient, non-judging view of what a target sends back: a JSON body, a token-endpoint reply
// (RFC 6749 §5.1/§5.2 member names), a JWT's parts. For case bodies and helpers that need values
// (the refresh token, the granted scope, a claim); judging the same reply is the job of checks/.
// std, nlohmann_json and engine/http.h only.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "conformance/engine/http.h"

namespace ock::conformance::engine {

struct TokenResponse {
  std::optional<std::string> access_token;
  std::optional<std::string> refresh_token;
  std::optional<std::string> token_type;
  std::optional<std::string> scope;
  std::optional<std::int64_t> expires_in;  // only when a JSON integer (or an integral string)
  std::optional<std::string> error;
  nlohmann::json body;  // the parsed object
};

// Deeper than this, a target's JSON values are dropped while parsing (RFC 8259 §9 lets a parser
// limit nesting): OAuth documents are a few levels deep, and a value nested tens of thousands
// deep would overflow the stack of every recursive copy, comparison or dump of it.
inline constexpr int kMaxJsonDepth = 64;

// Target bytes as JSON, with values below kMaxJsonDepth dropped (their member or element left
// out); nullopt when the text is not JSON. Never throws, never recurses on the input.
std::optional<nlohmann::json> parse_untrusted_json(std::string_view text);
// The body as JSON when it parses (any JSON value; parse_untrusted_json), else nullopt.
std::optional<nlohmann::json> parse_json_body(const HttpResponse& r);
// The body when it is a JSON object, else nullopt.
std::optional<nlohmann::json> json_object_body(const HttpResponse& r);
// A string member of a JSON object body, else nullopt.
std::optional<std::string> string_member(const HttpResponse& r, std::string_view name);
// The token-endpoint reply when the body is a JSON object, else nullopt.
std::optional<TokenResponse> parse_token_response(const HttpResponse& r);
// True when the reply is a 2xx carrying a non-empty access_token: a token was issued.
bool token_issued(const HttpExchange& x);
// access_token / refresh_token member of a reply, when a non-empty string.
std::optional<std::string> access_token_of(const HttpExchange& x);
std::optional<std::string> refresh_token_of(const HttpExchange& x);
// The "error" member of a JSON object body, or the error parameter of an authorization error
// response (a 3xx whose Location carries error=, RFC 6749 §4.1.2.1); "" when there is none.
std::string error_code_of(const HttpExchange& x);
// "200", "400 invalid_grant", "401 invalid_client (WWW-Authenticate: Basic realm=...)": the
// short actual value for assertion messages.
std::string describe(const HttpExchange& x);

// header.payload.signature with a header that decodes to a JSON object carrying "alg".
bool is_jwt_shaped(std::string_view token);
// A string claim of a JWT's payload (no signature check), or nullopt.
std::optional<std::string> jwt_string_claim(std::string_view token, std::string_view claim);

}  // namespace ock::conformance::engine
