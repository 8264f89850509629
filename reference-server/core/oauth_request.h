// The checks the /oauth/ endpoints share: POST with a form body and no query (RFC 6749 §3.2),
// no repeated parameter, client authentication (RFC 6749 §2.3.1: client_secret_basic with
// form-encoded id and secret, client_secret_post, never both), and the scope a request may be
// granted (RFC 6749 §3.3). std + core only.
#pragma once

#include "reference-server/core/api.h"
#include "reference-server/core/form.h"
#include "reference-server/core/login_throttle.h"
#include "reference-server/core/models.h"
#include "reference-server/core/oauth_error.h"
#include "reference-server/core/result.h"
#include "reference-server/core/scope.h"
#include "reference-server/core/store.h"

namespace ock::server {

// The parsed body of a POST form request, or invalid_request (GET, wrong content type,
// parameters in the query unless `query_allowed`, broken encoding, a repeated parameter).
Result<FormParams, OAuthError> parse_post_form(const ApiRequest& req, bool query_allowed);

// parse_post_form without a query: how every request to the token, revocation and
// introspection endpoints must look (RFC 6749 §3.2).
Result<FormParams, OAuthError> parse_oauth_form(const ApiRequest& req);

// Authenticates the client from the Authorization header or the body. Confidential clients
// must prove their secret; a public client may identify itself with client_id alone.
// invalid_client (with basic_auth_attempted set when the header was used) or invalid_request.
// Wrong secrets are counted per client id in `throttle` (RFC 6749 §2.3.1: endpoints that take
// client passwords MUST resist brute force): a locked client id is refused, with Retry-After,
// even with the right secret until the cool-down ends. Throws nothing; a storage failure
// becomes server_error.
Result<Client, OAuthError> authenticate_client(ClientStore& clients, const ApiRequest& req,
                                               const FormParams& form, LoginThrottle& throttle);

// The scope to grant `client` for the scope parameter `requested` (absent or empty: the scopes
// the client may obtain): invalid_scope for an unknown value or one the client may not have,
// server_error when the store fails.
Result<ScopeSet, OAuthError> requested_scope(ClientStore& clients, const Client& client,
                                             const std::optional<std::string>& requested);

}  // namespace ock::server
