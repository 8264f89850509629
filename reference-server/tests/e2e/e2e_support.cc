#include "reference-server/tests/e2e/e2e_support.h"

#include <cctype>

namespace ock::server::e2e {

nlohmann::json json_of(const HttpResponse& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

HttpResponse password_grant(const RefServerProcess& server, const std::string& username,
                            const std::string& password, const std::string& client_id,
                            const std::string& secret) {
  HttpRequest req;
  req.method = "POST";
  req.url = server.url("/oauth/token/");
  req.headers = {basic_auth_header(client_id, secret),
                 "Content-Type: application/x-www-form-urlencoded"};
  req.body =
      form_body({{"grant_type", "password"}, {"username", username}, {"password", password}});
  return send(req);
}

HttpResponse refresh_grant(const RefServerProcess& server, const std::string& refresh_token,
                           const std::string& client_id, const std::string& secret) {
  return post_form(server.url("/oauth/token/"),
                   form_body({{"grant_type", "refresh_token"}, {"refresh_token", refresh_token}}),
                   {basic_auth_header(client_id, secret)});
}

HttpResponse list_users(const RefServerProcess& server, const std::string& access_token) {
  return get(server.url("/api/users/"), {"Authorization: Bearer " + access_token});
}

testing::AssertionResult is_token_success(const HttpResponse& r) {
  if (!r.ok() || r.status != 200)
    return testing::AssertionFailure() << "expected 200, got " << r.describe();
  auto j = json_of(r);
  if (!j.is_object() || !j.contains("access_token") || !j["access_token"].is_string() ||
      j["access_token"].get<std::string>().empty()) {
    return testing::AssertionFailure() << "no access_token in " << r.describe();
  }
  if (!j.contains("token_type") || !j["token_type"].is_string()) {
    return testing::AssertionFailure() << "no token_type in " << r.describe();
  }
  std::string type = j["token_type"];
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type != "bearer")
    return testing::AssertionFailure() << "token_type is not Bearer: " << r.describe();
  return testing::AssertionSuccess();
}

testing::AssertionResult is_oauth_error(const HttpResponse& r, long status,
                                        const std::string& error) {
  if (!r.ok()) return testing::AssertionFailure() << "no response: " << r.describe();
  if (r.status != status) {
    return testing::AssertionFailure()
           << "expected " << status << " " << error << ", got " << r.describe();
  }
  auto j = json_of(r);
  if (!j.is_object() || !j.contains("error") || j["error"] != error) {
    return testing::AssertionFailure() << "expected error " << error << ", got " << r.describe();
  }
  return testing::AssertionSuccess();
}

testing::AssertionResult still_serves(RefServerProcess& server) {
  if (!server.alive()) {
    return testing::AssertionFailure()
           << "the server process is gone; stderr tail: "
           << server.stderr_text().substr(
                  server.stderr_text().size() > 2000 ? server.stderr_text().size() - 2000 : 0);
  }
  auto r = password_grant(server, kAlice, kAlicePassword);
  auto ok = is_token_success(r);
  if (!ok) return testing::AssertionFailure() << "a normal token request failed: " << ok.message();
  return testing::AssertionSuccess();
}

testing::AssertionResult ServerTest::start_server(const RefServerOptions& options) {
  if (!server_.start(options)) return testing::AssertionFailure() << server_.last_error();
  return testing::AssertionSuccess();
}

}  // namespace ock::server::e2e
