// The authorization request of RFC 6749 §4.1.1 with PKCE (RFC 7636 §4.3), read from the raw
// query string and checked in the order that decides where an error may go: first the client
// and its redirect URI (until both are known good, an error is a page, never a redirect: no
// open redirector, RFC 6749 §4.1.2.1, RFC 9700 §4.11), then everything else (an error then goes
// back to the redirect URI). std + core only: no pages, no sessions.
#pragma once

#include <optional>
#include <string>

#include "reference-server/core/models.h"
#include "reference-server/core/oauth_error.h"
#include "reference-server/core/result.h"
#include "reference-server/core/scope.h"
#include "reference-server/core/store.h"

namespace ock::server {

// A request that passed every check.
struct AuthorizationRequest {
  Client client;
  std::string redirect_uri;                       // where the answer goes
  std::optional<std::string> redirect_uri_param;  // the redirect_uri parameter as sent, if sent
  std::optional<std::string> state;               // as sent, to be returned unchanged
  ScopeSet scope;                                 // what the user is asked to grant
  std::string code_challenge;                     // S256
};

// Why a request was refused, and where the answer goes.
struct AuthorizationRefusal {
  // No trustworthy redirect URI (unknown client, unregistered or ambiguous redirect_uri, a
  // broken query): an HTML error page with `status` and `message`.
  bool to_page = true;
  int status = 400;
  std::string message;
  // Otherwise the error is sent to `redirect_uri`, with the request's `state`.
  std::string redirect_uri;
  std::optional<std::string> state;
  OAuthError error;
};

// Parses and checks `query` (the raw query string of the request; a parameter without a value
// counts as omitted, RFC 6749 §3.1): client_id, redirect_uri
// (matched per core/redirect_uri.h), then a repeated parameter (invalid_request),
// response_type (missing: invalid_request; not "code": unsupported_response_type), the client's
// authorization_code grant (unauthorized_client), code_challenge (missing or malformed:
// invalid_request), code_challenge_method (must be S256; absent means plain: invalid_request),
// scope (invalid_scope). A store failure is a 500 page before the redirect URI is known, and
// server_error to the redirect URI after.
Result<AuthorizationRequest, AuthorizationRefusal> parse_authorization_request(
    ClientStore& clients, const std::string& query);

}  // namespace ock::server
