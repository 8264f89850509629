// The single mapping from outcomes to HTTP answers: RFC 6749 §5.1/§5.2 token-endpoint replies
// (always Cache-Control: no-store and Pragma: no-cache; 401 + Basic challenge for
// invalid_client) and RFC 6750 §3 resource-server challenges. std + nlohmann_json only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "reference-server/core/api.h"
#include "reference-server/core/oauth_error.h"

namespace ock::server {

inline constexpr std::string_view kRealm = "oauth-refserver";

// `text` with every character outside %x20-21 / %x23-5B / %x5D-7E left out: what an
// error_description (and a challenge's quoted values) may hold (RFC 6749 §4.1.2.1, §5.2,
// RFC 6750 §3).
std::string safe_description(std::string_view text);

// 200 (or `status`) with a JSON body and the no-store / no-cache pair.
ApiReply token_success(const nlohmann::json& body, int status = 200);

// A §5.2 error from /oauth/: 400, or 401 + `WWW-Authenticate: Basic realm=…` for
// invalid_client; 500 for server_error; Retry-After when throttled.
ApiReply token_error(const OAuthError& error);

// An RFC 6750 §3 answer from /api/: 401 without an error code when `code` is nullopt
// (no credentials came), 401 invalid_token, 403 insufficient_scope (with scope="…"),
// 400 invalid_request; always with a `WWW-Authenticate: Bearer realm="…"` challenge.
ApiReply bearer_error(std::optional<ErrorCode> code, std::string_view description = "",
                      std::string_view scope = "");

// A JSON reply of the resource API.
ApiReply json_reply(int status, const nlohmann::json& body);

// 404 {"detail":"Not found."}, as Django REST framework answers.
ApiReply not_found_reply();

// 405 {"detail":"Method not allowed."} with `Allow: <allow>`.
ApiReply method_not_allowed_reply(std::string allow);

// A fixed 500 {"error":"server_error"} whatever went wrong (nothing internal leaks).
ApiReply server_error_reply();

}  // namespace ock::server
