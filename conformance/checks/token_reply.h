// Checks on the members of token-endpoint replies: a successful one (RFC 6749 §5.1: token_type,
// expires_in, the token strings' syntax per Appendix A and RFC 6750 §2.1, no refresh token where
// §4.4.3 advises none) and an error one (§5.2: status, JSON shape, error code). No I/O.
#pragma once

#include <cstdint>
#include <string_view>

#include "conformance/checks/check.h"
#include "conformance/engine/http.h"

namespace ock::conformance::checks {

using engine::HttpExchange;

// The RFC 6749 §5.2 error codes plus the ones of RFC 7009 §2.2.1 (unsupported_token_type) and
// other registered extensions.
bool is_known_error_code(std::string_view code);

// token_type equals `type` case-insensitively.             default id "token_type"
bool expect_token_type(const HttpExchange& x, std::string_view type, const Tag& tag = {});
bool expect_token_type_bearer(const HttpExchange& x, const Tag& tag = {});
// expires_in is a positive integer JSON number.            default id "expires_in"
bool expect_positive_expires_in(const HttpExchange& x, const Tag& tag = {});
// expires_in is present and at most `max_s` seconds.       default id "lifetime"
bool expect_expires_in_at_most(const HttpExchange& x, std::int64_t max_s, const Tag& tag = {});
// member (access_token/refresh_token) is a non-empty VSCHAR string. default id "<member>_syntax"
bool expect_token_syntax(const HttpExchange& x, std::string_view member, const Tag& tag = {});
// member is b64token-safe (RFC 6750 §2.1).                 default id "<member>_b64token"
bool expect_b64token(const HttpExchange& x, std::string_view member, const Tag& tag = {});
// The reply carries no refresh_token member.               default id "no_refresh_token"
bool expect_no_refresh_token(const HttpExchange& x, const Tag& tag = {});
// RFC 6749 §5.2 error reply: 400 (401 for invalid_client), JSON object, known error code,
// error_description / error_uri in their character sets.   default id "error_format"
bool expect_error_response_format(const HttpExchange& x, const Tag& tag = {});
// The reply carries a token_type member.                      default id "token_type_present"
bool expect_token_type_present(const HttpExchange& x, const Tag& tag = {});
// The JSON object carries the member.                         default id "<member>_present"
bool expect_member_present(const HttpExchange& x, std::string_view member, const Tag& tag = {});
// expires_in, when present, is a positive integer (a JSON number, or digits in a string).
//                                                              default id "expires_in_value"
bool expect_expires_in_value(const HttpExchange& x, const Tag& tag = {});
// expires_in, when present, is a JSON number, not a quoted string. default id "expires_in_number"
bool expect_expires_in_number(const HttpExchange& x, const Tag& tag = {});
// A refresh for a public client rotated the refresh token (a new one, not `old_refresh_token`)
// or returned a sender-constrained token (token_type not Bearer): RFC 9700 §4.14.2.
//                                                              default id "public_client_protected"
bool expect_rotation_or_sender_constraint(const HttpExchange& refresh_reply,
                                          std::string_view old_refresh_token, const Tag& tag = {});

}  // namespace ock::conformance::checks
