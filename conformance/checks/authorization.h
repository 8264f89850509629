// Checks on what the authorization endpoint answered a scripted user-agent (RFC 6749 §4.1.2,
// §4.1.2.1, §3.1.2.4; RFC 9207; RFC 9700 §4.1, §4.11, §4.16): a redirect to the client with a
// code or an error, the state and iss it carries, no redirect where none may happen, and pages
// that refuse to be framed. The flow itself is engine/authorization's; these only judge. No I/O.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "conformance/checks/check.h"
#include "conformance/engine/authorization.h"

namespace ock::conformance::checks {

using engine::AuthorizationOutcome;

// The flow ended in a redirect carrying a code.                default id "code"
bool expect_code_issued(const AuthorizationOutcome& o, const Tag& tag = {});
// The same, and the case stops when it does not hold.
void require_code_issued(const AuthorizationOutcome& o, const Tag& tag = {});
// No code came back: an error response, an error page, or no redirect.   default id "no_code"
bool expect_no_code(const AuthorizationOutcome& o, const Tag& tag = {});
// The redirect carries error=<one of codes> (RFC 6749 §4.1.2.1).          default id "error"
bool expect_authorization_error(const AuthorizationOutcome& o, std::vector<std::string> codes,
                                const Tag& tag = {});
// The redirect carries the state that was sent, unchanged.                default id "state"
bool expect_state_returned(const AuthorizationOutcome& o, const Tag& tag = {});
// The redirect carries iss equal to the issuer (RFC 9207 §2).              default id "iss"
bool expect_iss(const AuthorizationOutcome& o, std::string_view issuer, const Tag& tag = {});
// No redirect went to `uri` (the same scheme, host and path; its query, if any, kept)
// (RFC 6749 §3.1.2.4, §4.1.2.1: MUST NOT redirect to an invalid or unregistered URI;
// RFC 9700 §4.11 open redirector).                                        default id "no_redirect"
bool expect_no_redirect_to(const AuthorizationOutcome& o, std::string_view uri,
                           const Tag& tag = {});
// The redirect carries no access token (the implicit grant refused).
//                                                             default id "no_access_token"
bool expect_no_token_in_redirect(const AuthorizationOutcome& o, const Tag& tag = {});
// No token was had without (proper) PKCE: no code came back for a request `how` ("without a
// code_challenge", "with a plain code_challenge"), or its redemption was refused
// (RFC 9700 §2.1.1, RFC 7636 §4.4.1).                                default id "pkce_required"
bool expect_pkce_enforced(const AuthorizationOutcome& o,
                          const std::optional<engine::HttpExchange>& redemption,
                          std::string_view how, const Tag& tag = {});
// An HTML page the user interacts with refuses framing: X-Frame-Options DENY or SAMEORIGIN, or
// Content-Security-Policy frame-ancestors 'none' or 'self' (RFC 9700 §4.16). id "frame_protection"
bool expect_frame_protection(const engine::HttpExchange& page, const Tag& tag = {});

}  // namespace ock::conformance::checks
