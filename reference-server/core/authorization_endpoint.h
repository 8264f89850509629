// GET/POST /oauth/authorize/, the authorization code grant's endpoint (RFC 6749 §4.1.1-§4.1.2)
// with PKCE (RFC 7636) and iss (RFC 9207): checks the request, signs the user in (the password
// grant's check and lockout), asks for consent unless the client is first-party, and redirects
// back with a single-use code bound to client, user, scope, redirect_uri and challenge. Every
// form carries a CSRF token. Domain only: no HTTP framework, no SQL.
#pragma once

#include <string>

#include "reference-server/core/api.h"
#include "reference-server/core/authorization_request.h"
#include "reference-server/core/login_sessions.h"
#include "reference-server/core/oauth_service.h"
#include "reference-server/core/store.h"

namespace ock::server {

class AuthorizationEndpoint {
 public:
  AuthorizationEndpoint(Store& store, OAuthService& oauth);

  // GET (and HEAD) show the login or consent page, or redirect with a code for a signed-in
  // user of a first-party client; POST takes the login form (username, password) or the
  // consent form (decision=allow|deny). 405 for other methods.
  ApiReply handle(const ApiRequest& req);

 private:
  ApiReply on_post(const ApiRequest& req, const AuthorizationRequest& ar, const std::string& iss);
  ApiReply on_login(const ApiRequest& req, const AuthorizationRequest& ar, const FormParams& form,
                    const std::string& iss);
  ApiReply on_consent(const ApiRequest& req, const AuthorizationRequest& ar, const FormParams& form,
                      const std::string& iss);
  // What a signed-in user sees next: the consent page, or (first-party) the redirect with a code.
  ApiReply signed_in(const ApiRequest& req, const AuthorizationRequest& ar,
                     const ActiveSession& session, const std::string& iss);
  ApiReply login_form(const ApiRequest& req, const AuthorizationRequest& ar,
                      const std::string& username, const std::string& message);
  ApiReply issue_code(const ApiRequest& req, const AuthorizationRequest& ar, std::int64_t user_id,
                      const std::string& iss);

  Store& store_;
  OAuthService& oauth_;
  LoginSessions sessions_;
};

}  // namespace ock::server
