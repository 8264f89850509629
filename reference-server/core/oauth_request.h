// The checks every /oauth/ endpoint shares: POST with a form body and no query (RFC 6749 §3.2),
// no repeated parameter, and client authentication (RFC 6749 §2.3.1: client_secret_basic with
// form-encoded id and secret, client_secret_post, never both). std + core only.
#pragma once

#include "reference-server/core/api.h"
#include "reference-server/core/form.h"
#include "reference-server/core/login_throttle.h"
#include "reference-server/core/models.h"
#include "reference-server/core/oauth_error.h"
#include "reference-server/core/result.h"
#include "reference-server/core/store.h"

namespace ock::server {

// The parsed body of a POST form request, or invalid_request (GET, wrong content type,
// parameters in the query, broken encoding, a repeated parameter).
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

}  // namespace ock::server
