// The authorization server's endpoints as functions from ApiRequest to ApiReply: the token
// endpoint (RFC 6749 authorization_code with PKCE per RFC 7636, password, refresh_token with
// rotation and reuse detection per RFC 9700 §4.14.2, client_credentials), revocation (RFC 7009),
// introspection (RFC 7662), metadata (RFC 8414), and bearer-token validation for the resource
// API (RFC 6750). The authorization endpoint is core/authorization_endpoint. No HTTP framework.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

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
  // The issuer URL (RFC 8414): --issuer, or the request's scheme and Host.
  std::string issuer(const ApiRequest& req) const;
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
  // Fresh tokens of one grant, not yet saved: the records and the RFC 6749 §5.1 body.
  struct MintedTokens {
    std::vector<TokenRecord> records;
    nlohmann::json body;
  };
  ApiReply authorization_code_grant(const Client& client, const FormParams& form);
  // The redirect_uri rule of RFC 6749 §4.1.3 for redeeming `code`; the error reply, if any.
  std::optional<ApiReply> redirect_uri_mismatch(const AuthorizationCode& code, const Client& client,
                                                const FormParams& form) const;
  ApiReply password_grant(const Client& client, const FormParams& form);
  ApiReply refresh_grant(const Client& client, const FormParams& form);
  ApiReply client_credentials_grant(const Client& client, const FormParams& form);
  // An access token (and a refresh token when `with_refresh`) in token family `family`.
  MintedTokens mint(const Client& client, std::optional<std::int64_t> user_id,
                    const ScopeSet& scope, bool with_refresh, const std::string& family) const;
  // Mints tokens in a new family and saves their hashes.
  ApiReply issue(const Client& client, std::optional<std::int64_t> user_id, const ScopeSet& scope,
                 bool with_refresh);
  std::int64_t access_ttl(const Client& client) const;

  Store& store_;
  const Clock& clock_;
  ServerConfig config_;
  UserLogin user_login_;           // the lockout is keyed by username
  LoginThrottle client_throttle_;  // keyed by client id
};

}  // namespace ock::server
