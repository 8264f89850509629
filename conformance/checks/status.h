// Checks on the outcome of an exchange: the status code, the RFC 6749 §5.2 error code, whether
// a token was issued, whether a resource served the request. expect_* record one assertion and
// return whether it held; require_* also end the case when it did not. No I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/checks/check.h"
#include "conformance/engine/http.h"

namespace ock::conformance::checks {

using engine::HttpExchange;

// The status equals `status`.                                   default id "status"
bool expect_status(const HttpExchange& x, int status, const Tag& tag = {});
bool expect_status_in(const HttpExchange& x, std::vector<int> statuses, const Tag& tag = {});
void require_status(const HttpExchange& x, int status, const Tag& tag = {});
// Any 4xx.                                                      default id "status"
bool expect_client_error(const HttpExchange& x, const Tag& tag = {});
// Not 5xx.                                                      default id "no_server_error"
bool expect_no_server_error(const HttpExchange& x, const Tag& tag = {});
// The JSON "error" member equals `code`.                        default id "error_code"
bool expect_error_code(const HttpExchange& x, std::string_view code, const Tag& tag = {});
bool expect_error_code_in(const HttpExchange& x, std::vector<std::string> codes,
                          const Tag& tag = {});
// No access token came back (not 2xx with access_token).        default id "no_token"
bool expect_no_token_issued(const HttpExchange& x, const Tag& tag = {});
// 200 with a non-empty access_token.                            default id "token_issued"
bool expect_token_issued(const HttpExchange& x, const Tag& tag = {});
// The same, and the case stops when it does not hold.
void require_token_issued(const HttpExchange& x, const Tag& tag = {});
// At most one of the replies issued a token (concurrent refreshes with the same refresh token,
// or the two lineages they started).                           default id "at_most_one_token"
bool expect_at_most_one_token(const std::vector<HttpExchange>& replies, const Tag& tag = {});
// A 2xx reply: the request was served.                         default id "accepted"
bool expect_success(const HttpExchange& x, const Tag& tag = {});
// Not a 2xx reply: the request was not served.                 default id "refused"
bool expect_refused(const HttpExchange& x, const Tag& tag = {});
// The resource exists: not a 404. `what` names it ("a metadata document at URL").
//                                                              default id "published"
bool expect_found(const HttpExchange& x, std::string_view what, const Tag& tag = {});
// The reply does not answer invalid_grant: credentials sent where they must not go (the URL)
// were not evaluated.                                          default id
// "credentials_not_evaluated"
bool expect_credentials_not_evaluated(const HttpExchange& x, const Tag& tag = {});
// 405, or 400 invalid_request: a request in the wrong form refused as such.
//                                                              default id "refused"
bool expect_method_refused(const HttpExchange& x, const Tag& tag = {});
// 400 invalid_request or 401 invalid_client: malformed client authentication refused as such.
//                                                              default id "error"
bool expect_client_auth_error(const HttpExchange& x, const Tag& tag = {});
// Not both replies issued a token (a conforming and a non-conforming form of one request).
//                                                              default id "not_both_issued"
bool expect_not_both_issued(const HttpExchange& a, const HttpExchange& b, const Tag& tag = {});
// The grant is not enabled: `observed` (what a case saw it do) is not "works".
//                                                              default id "<grant>_grant_disabled"
bool expect_grant_disabled(std::string_view grant, const std::optional<std::string>& observed,
                           const Tag& tag = {});

}  // namespace ock::conformance::checks
