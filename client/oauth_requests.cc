#include "client/oauth_requests.h"

#include "client/form.h"

namespace ock::client {

namespace {

constexpr char kFormType[] = "application/x-www-form-urlencoded";

// Every request to the authorization server: POST, form body, client_secret_basic (or the
// client_id in the body for a public client, which has no secret).
HttpRequest form_post(const std::string& url, const ClientCredentials& client,
                      const FormFields& fields) {
  HttpRequest r;
  r.method = "POST";
  r.url = url;
  r.headers = {{"Accept", "application/json"}, {"Content-Type", kFormType}};
  if (client.secret.empty()) {
    FormFields with_id = fields;  // a public client identifies itself (RFC 6749 §4.1.3)
    with_id.emplace_back("client_id", client.id);
    r.body = encode_form(with_id);
  } else {
    r.headers.insert(r.headers.begin() + 1,
                     {"Authorization", basic_authorization(client.id, client.secret)});
    r.body = encode_form(fields);
  }
  return r;
}

}  // namespace

std::string ServerConfig::url(const std::string& path) const {
  if (path.rfind("http://", 0) == 0 || path.rfind("https://", 0) == 0) return path;
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (path.empty() || path.front() != '/') return base + "/" + path;
  return base + path;
}

std::string authorization_url(const ServerConfig& server, const AuthorizationRequest& ask) {
  FormFields query = {{"response_type", "code"},
                      {"client_id", ask.client_id},
                      {"redirect_uri", ask.redirect_uri}};
  if (!ask.scope.empty()) query.emplace_back("scope", ask.scope);
  query.emplace_back("state", ask.state);
  query.emplace_back("code_challenge", ask.code_challenge);
  query.emplace_back("code_challenge_method", "S256");
  std::string url = server.url(server.authorization_path);
  return url + (url.find('?') == std::string::npos ? "?" : "&") + encode_form(query);
}

HttpRequest code_exchange_request(const ServerConfig& server, const ClientCredentials& client,
                                  const std::string& code, const std::string& redirect_uri,
                                  const std::string& verifier) {
  return form_post(server.url(server.token_path), client,
                   {{"grant_type", "authorization_code"},
                    {"code", code},
                    {"redirect_uri", redirect_uri},
                    {"code_verifier", verifier}});
}

HttpRequest password_grant_request(const ServerConfig& server, const ClientCredentials& client,
                                   const std::string& username, const std::string& password,
                                   const std::string& scope) {
  FormFields fields = {{"grant_type", "password"}, {"username", username}, {"password", password}};
  if (!scope.empty()) fields.emplace_back("scope", scope);
  return form_post(server.url(server.token_path), client, fields);
}

HttpRequest refresh_request(const ServerConfig& server, const ClientCredentials& client,
                            const std::string& refresh_token) {
  return form_post(server.url(server.token_path), client,
                   {{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}});
}

HttpRequest revocation_request(const ServerConfig& server, const ClientCredentials& client,
                               const std::string& token, const std::string& hint) {
  FormFields fields = {{"token", token}};
  if (!hint.empty()) fields.emplace_back("token_type_hint", hint);
  return form_post(server.url(server.revocation_path), client, fields);
}

HttpRequest introspection_request(const ServerConfig& server, const ClientCredentials& client,
                                  const std::string& token, const std::string& hint) {
  FormFields fields = {{"token", token}};
  if (!hint.empty()) fields.emplace_back("token_type_hint", hint);
  return form_post(server.url(server.introspection_path), client, fields);
}

HttpRequest api_request(const ServerConfig& server, const std::string& method,
                        const std::string& path, const std::string& access_token,
                        const std::string& json_body) {
  HttpRequest r;
  r.method = method;
  r.url = server.url(path);
  r.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer " + access_token}};
  if (!json_body.empty()) {
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = json_body;
  }
  return r;
}

}  // namespace ock::client
