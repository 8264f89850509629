// Checks on what revocation did (RFC 7009 §2.1, §2.2): the token type was supported, the revoked
// token stopped working within the propagation window, and a refused revocation left the token
// alive. The case polls and sends; these judge what it saw. No I/O.
#pragma once

#include <optional>

#include "conformance/checks/check.h"
#include "conformance/engine/http.h"

namespace ock::conformance::checks {

// The revocation reply is not unsupported_token_type.          default id "supported"
bool expect_token_type_supported(const engine::HttpExchange& x, const Tag& tag = {});
// The token was refused `took_s` seconds after the revocation, within `window_s` (nullopt:
// still accepted when the window closed).                      default id "access_token_refused"
bool expect_refused_within_window(std::optional<double> took_s, int window_s, const Tag& tag = {});
// A refresh with the token still issued a token (2xx with an access_token).
//                                                              default id
//                                                              "refresh_token_still_valid"
bool expect_refresh_still_works(const engine::HttpExchange& x, const Tag& tag = {});

}  // namespace ock::conformance::checks
