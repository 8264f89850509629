// The authorization server's endpoints as functions from ApiRequest to ApiReply: the token
// endpoint (RFC 6749 password, refresh_token with rotation and reuse detection per RFC 9700
// §4.14.2, client_credentials), revocation (RFC 7009), introspection (RFC 7662), metadata
// (RFC 8414), and bearer-token validation for the resource API (RFC 6750). No HTTP framework.
#pragma once

#include <optional>
#include <string>

#include "reference-server/core/api.h"
#include "reference-server/core/clock.h"
#include "reference-server/core/config.h"
#include "reference-server/core/form.h"
#include "reference-server/core/login_throttle.h"
#include "reference-server/core/models.h"
#include "reference-server/core/result.h"
#include "reference-server/core/scope.h"
#include "reference-server/core/store.h"
#include "reference-server/core/user_login.h"

namespace ock::server {

// What a valid bearer token grants at the resource API.
struct AccessContext {
  TokenRecord token;
  ScopeSet scope;
};

class OAuthService {
 public:
  OAuthService(Store& store, const Clock& clock, ServerConfig config);

  ApiReply token(const ApiRequest& req);
  ApiReply revoke(const ApiRequest& req);
  ApiReply introspect(const ApiRequest& req);
  ApiReply metadata(const ApiRequest& req) const;

  // Validates the request's access token (header method, or form-body method when
  // `form_body_allowed`), and that it carries `required_scope`. The error is the full
  // RFC 6750 §3 reply to send.
  Result<AccessContext, ApiReply> authorize(const ApiRequest& req, const std::string& required_scope,
                                            bool form_body_allowed);

  const ServerConfig& config() const { return config_; }
  const Clock& clock() const { return clock_; }
  // The password check and lockout every login shares (the password grant, the login form).
  UserLogin& user_login() { return user_login_; }

 private:
  // The parsed form of an /oauth/ request and its authenticated client.
  struct ClientCall {
    FormParams form;
    Client client;
  };
  // The shared start of the /oauth/ endpoints; the error is the reply to send.
  Result<ClientCall, ApiReply> client_call(const ApiRequest& req);
  ApiReply password_grant(const Client& client, const FormParams& form);
  ApiReply refresh_grant(const Client& client, const FormParams& form);
  ApiReply client_credentials_grant(const Client& client, const FormParams& form);
  Result<ScopeSet, OAuthError> requested_scope(const Client& client, const FormParams& form);
  // Issues an access token (and a refresh token when `with_refresh`); saves the hashes.
  ApiReply issue(const Client& client, std::optional<std::int64_t> user_id, const ScopeSet& scope,
                 bool with_refresh);
  std::int64_t access_ttl(const Client& client) const;
  std::string issuer(const ApiRequest& req) const;

  Store& store_;
  const Clock& clock_;
  ServerConfig config_;
  UserLogin user_login_;           // the lockout is keyed by username
  LoginThrottle client_throttle_;  // keyed by client id
};

}  // namespace ock::server
