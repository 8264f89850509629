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

std::string authorize_query(const std::string& client_id, const std::string& redirect_uri,
                            const std::string& state, const std::string& scope) {
  std::vector<std::pair<std::string, std::string>> p = {{"response_type", "code"},
                                                        {"client_id", client_id}};
  if (!redirect_uri.empty()) p.emplace_back("redirect_uri", redirect_uri);
  if (!state.empty()) p.emplace_back("state", state);
  p.emplace_back("code_challenge", kChallenge);
  p.emplace_back("code_challenge_method", "S256");
  if (!scope.empty()) p.emplace_back("scope", scope);
  return form_body(p);
}

HttpResponse Browser::send_with_cookies(HttpRequest req) {
  req.ca_file = ca_file_;
  if (!jar_.header().empty()) req.headers.push_back("Cookie: " + jar_.header());
  HttpResponse r = send(req);
  jar_.take(r.header_values("Set-Cookie"));
  return r;
}

HttpResponse Browser::get(const std::string& query) {
  HttpRequest req;
  req.url = server_.url("/oauth/authorize/?" + query);
  return send_with_cookies(req);
}

HttpResponse Browser::post(const std::string& action,
                           const std::vector<std::pair<std::string, std::string>>& fields) {
  HttpRequest req;
  req.method = "POST";
  req.url = server_.url(action);
  req.headers = {"Content-Type: application/x-www-form-urlencoded"};
  req.body = form_body(fields);
  return send_with_cookies(req);
}

HttpResponse Browser::submit_login(const HttpResponse& page, const std::string& username,
                                   const std::string& password) {
  auto form = only_form(page);
  return post(form.action, {{"csrf_token", form.input("csrf_token").value_or("")},
                            {"username", username},
                            {"password", password}});
}

HttpResponse Browser::submit_consent(const HttpResponse& page, const std::string& decision) {
  auto form = only_form(page);
  return post(form.action,
              {{"csrf_token", form.input("csrf_token").value_or("")}, {"decision", decision}});
}

HttpResponse Browser::authorize(const std::string& query, const std::string& username,
                                const std::string& password) {
  HttpResponse r = get(query);
  if (r.status == 200 && only_form(r).input("password")) r = submit_login(r, username, password);
  if (r.status == 200 && only_form(r).has_button("decision", "allow"))
    r = submit_consent(r, "allow");
  return r;
}

test_support::HtmlForm only_form(const HttpResponse& page) {
  auto forms = test_support::html_forms(page.body);
  return forms.size() == 1 ? forms.front() : test_support::HtmlForm{};
}

std::map<std::string, std::string> location_params(const HttpResponse& r) {
  std::map<std::string, std::string> out;
  if (auto location = r.header("Location")) {
    for (auto& [k, v] : test_support::query_params(*location)) out.emplace(k, v);
  }
  return out;
}

HttpResponse exchange_code(const RefServerProcess& server, const std::string& client_id,
                           const std::optional<std::string>& secret, const std::string& code,
                           const std::string& verifier, const std::string& redirect_uri,
                           const std::string& ca_file) {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"grant_type", "authorization_code"}, {"code", code}, {"code_verifier", verifier}};
  if (!redirect_uri.empty()) fields.emplace_back("redirect_uri", redirect_uri);
  HttpRequest req;
  req.method = "POST";
  req.url = server.url("/oauth/token/");
  req.ca_file = ca_file;
  req.headers = {"Content-Type: application/x-www-form-urlencoded"};
  if (secret) {
    req.headers.push_back(basic_auth_header(client_id, *secret));
  } else {
    fields.emplace_back("client_id", client_id);
  }
  req.body = form_body(fields);
  return send(req);
}

testing::AssertionResult ServerTest::start_server(const RefServerOptions& options) {
  if (!server_.start(options)) return testing::AssertionFailure() << server_.last_error();
  return testing::AssertionSuccess();
}

}  // namespace ock::server::e2e
