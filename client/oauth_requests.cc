#include "client/oauth_requests.h"

#include "client/form.h"

namespace ock::client {

namespace {

constexpr char kFormType[] = "application/x-www-form-urlencoded";

// Every request to the authorization server: POST, form body, client_secret_basic.
HttpRequest form_post(const std::string& url, const ClientCredentials& client,
                      const FormFields& fields) {
  HttpRequest r;
  r.method = "POST";
  r.url = url;
  r.headers = {{"Accept", "application/json"},
               {"Authorization", basic_authorization(client.id, client.secret)},
               {"Content-Type", kFormType}};
  r.body = encode_form(fields);
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
