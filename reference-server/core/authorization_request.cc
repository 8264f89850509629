#include "reference-server/core/authorization_request.h"

#include <algorithm>

#include "reference-server/core/form.h"
#include "reference-server/core/oauth_request.h"
#include "reference-server/core/pkce.h"
#include "reference-server/core/redirect_uri.h"

namespace ock::server {
namespace {

AuthorizationRefusal page(std::string message, int status = 400) {
  AuthorizationRefusal r;
  r.to_page = true;
  r.status = status;
  r.message = std::move(message);
  return r;
}

// The client and the redirect URI, from parameters that may not be repeated; a page otherwise.
Result<AuthorizationRequest, AuthorizationRefusal> client_and_redirect_uri(ClientStore& clients,
                                                                           const FormParams& q) {
  auto client_id = form_get(q, "client_id");
  if (!client_id || client_id->empty()) return unexpected(page("The request has no client_id."));
  if (form_count(q, "client_id") > 1) return unexpected(page("client_id is repeated."));
  auto found = clients.find_client(*client_id);
  if (!found) return unexpected(page("The server could not process the request.", 500));
  if (!found->has_value()) return unexpected(page("The client is not known to this server."));
  if (form_count(q, "redirect_uri") > 1) return unexpected(page("redirect_uri is repeated."));
  AuthorizationRequest req;
  req.client = std::move(**found);
  req.redirect_uri_param = form_get(q, "redirect_uri");
  auto target = resolve_redirect_uri(req.client.redirect_uris, req.redirect_uri_param);
  if (!target) {
    return unexpected(page(req.redirect_uri_param
                               ? "The redirect_uri is not registered for this client."
                               : "The request has no redirect_uri, and the client does not have "
                                 "exactly one registered."));
  }
  req.redirect_uri = std::move(*target);
  return req;
}

// The checks whose errors go back to the redirect URI, in order.
std::optional<OAuthError> request_problem(const AuthorizationRequest& req, const FormParams& q) {
  auto invalid = [](std::string why) {
    return oauth_error(ErrorCode::kInvalidRequest, std::move(why));
  };
  if (auto name = first_repeated_name(q)) return invalid("the parameter " + *name + " is repeated");
  auto response_type = form_get(q, "response_type");
  if (!response_type || response_type->empty()) return invalid("response_type is missing");
  if (*response_type != "code") {
    return oauth_error(ErrorCode::kUnsupportedResponseType, "only response_type=code is supported");
  }
  const auto& grants = req.client.grants;
  if (std::find(grants.begin(), grants.end(), "authorization_code") == grants.end()) {
    return oauth_error(ErrorCode::kUnauthorizedClient,
                       "the client may not use the authorization code grant");
  }
  auto challenge = form_get(q, "code_challenge");
  if (!challenge || challenge->empty())
    return invalid("code_challenge is required (PKCE, RFC 7636)");
  if (form_get(q, "code_challenge_method") != std::string(kPkceMethodS256)) {
    return invalid("code_challenge_method must be S256");
  }
  if (!is_pkce_value(*challenge)) return invalid("code_challenge is malformed");
  return std::nullopt;
}

}  // namespace

Result<AuthorizationRequest, AuthorizationRefusal> parse_authorization_request(
    ClientStore& clients, const std::string& query) {
  auto q = parse_form(query);
  if (!q) return unexpected(page("The request's query string is malformed."));
  // RFC 6749 §3.1: parameters sent without a value are treated as if they were omitted.
  std::erase_if(*q, [](const auto& param) { return param.second.empty(); });
  auto req = client_and_redirect_uri(clients, *q);
  if (!req) return req;
  req->state = form_get(*q, "state");
  AuthorizationRefusal refusal;
  refusal.to_page = false;
  refusal.redirect_uri = req->redirect_uri;
  refusal.state = req->state;
  if (auto problem = request_problem(*req, *q)) {
    refusal.error = std::move(*problem);
    return unexpected(refusal);
  }
  auto scope = requested_scope(clients, req->client, form_get(*q, "scope"));
  if (!scope) {
    refusal.error = scope.error();
    return unexpected(refusal);
  }
  req->scope = std::move(*scope);
  req->code_challenge = *form_get(*q, "code_challenge");
  return req;
}

}  // namespace ock::server
