// Builds the HTTP requests of the flows: the authorization request and code exchange of the
// code grant with PKCE (RFC 6749 §4.1.1, §4.1.3; RFC 7636), the password grant (§4.3.2), the refresh
// (§6), revocation (RFC 7009 §2.1), introspection (RFC 7662 §2.1) and a Bearer call to the API
// (RFC 6750 §2.1). Pure: it sends nothing; depends on form and the http_client data types.
#pragma once

#include <string>

#include "client/http_client.h"

namespace ock::client {

struct ServerConfig {
  std::string base_url = "http://127.0.0.1:8000";
  std::string token_path = "/oauth/token/";
  std::string revocation_path = "/oauth/revoke_token/";
  std::string introspection_path = "/oauth/introspect/";
  std::string authorization_path = "/oauth/authorize/";
  std::string metadata_path = "/.well-known/oauth-authorization-server";

  // base_url + path; an absolute http(s) URL is kept as it is.
  std::string url(const std::string& path) const;
};

struct ClientCredentials {
  std::string id;
  std::string secret;  // "" for a public client: it sends client_id in the body instead
};

struct AuthorizationRequest {
  std::string client_id;
  std::string redirect_uri;
  std::string scope;  // "" leaves it out
  std::string state;
  std::string code_challenge;  // sent with code_challenge_method=S256
};

// The URL the browser opens: the authorization endpoint with response_type=code and the
// parameters above as its query.
std::string authorization_url(const ServerConfig& server, const AuthorizationRequest& ask);
// grant_type=authorization_code with the code, the same redirect_uri and the PKCE verifier;
// client_secret_basic for a confidential client, client_id in the body for a public one.
HttpRequest code_exchange_request(const ServerConfig& server, const ClientCredentials& client,
                                  const std::string& code, const std::string& redirect_uri,
                                  const std::string& verifier);

HttpRequest password_grant_request(const ServerConfig& server, const ClientCredentials& client,
                                   const std::string& username, const std::string& password,
                                   const std::string& scope);
HttpRequest refresh_request(const ServerConfig& server, const ClientCredentials& client,
                            const std::string& refresh_token);
// hint: "access_token" or "refresh_token" (token_type_hint), "" for none.
HttpRequest revocation_request(const ServerConfig& server, const ClientCredentials& client,
                               const std::string& token, const std::string& hint);
HttpRequest introspection_request(const ServerConfig& server, const ClientCredentials& client,
                                  const std::string& token, const std::string& hint);
// json_body "" sends no body.
HttpRequest api_request(const ServerConfig& server, const std::string& method,
                        const std::string& path, const std::string& access_token,
                        const std::string& json_body);

}  // namespace ock::client
