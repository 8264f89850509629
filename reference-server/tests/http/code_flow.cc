#include "reference-server/tests/http/code_flow.h"

#include <algorithm>
#include <cctype>

#include "tests/support/http_client.h"

namespace ock::server::testing {
namespace {

bool iequals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

AuthParams AuthParams::for_client(const std::string& client_id, const std::string& redirect_uri) {
  AuthParams p;
  p.params = {{"response_type", "code"}, {"client_id", client_id}};
  if (!redirect_uri.empty()) p.params.emplace_back("redirect_uri", redirect_uri);
  p.params.emplace_back("state", "st-1 /&=?é");
  p.params.emplace_back("code_challenge", kChallenge);
  p.params.emplace_back("code_challenge_method", "S256");
  p.params.emplace_back("scope", "read");
  return p;
}

AuthParams& AuthParams::set(const std::string& name, const std::string& value) {
  for (auto& [k, v] : params) {
    if (k == name) {
      v = value;
      return *this;
    }
  }
  return add(name, value);
}

AuthParams& AuthParams::drop(const std::string& name) {
  std::erase_if(params, [&](const auto& kv) { return kv.first == name; });
  return *this;
}

AuthParams& AuthParams::add(const std::string& name, const std::string& value) {
  params.emplace_back(name, value);
  return *this;
}

std::string AuthParams::query() const { return test_support::form_body(params); }

ApiReply Browser::get(const std::string& query) {
  ApiRequest req;
  req.method = "GET";
  req.path = "/oauth/authorize/";
  req.query = query;
  if (!jar_.header().empty()) req.cookie = jar_.header();
  ApiReply r = s_.send(req);
  take_cookies(r);
  return r;
}

ApiReply Browser::post(const std::string& action,
                       const std::vector<std::pair<std::string, std::string>>& fields) {
  ApiRequest req;
  req.method = "POST";
  req.path = action.substr(0, action.find('?'));
  req.query = action.find('?') == std::string::npos ? "" : action.substr(action.find('?') + 1);
  req.content_type = "application/x-www-form-urlencoded";
  req.body = test_support::form_body(fields);
  if (!jar_.header().empty()) req.cookie = jar_.header();
  ApiReply r = s_.send(req);
  take_cookies(r);
  return r;
}

ApiReply Browser::submit_login(const ApiReply& page, const std::string& username,
                               const std::string& password) {
  auto form = only_form(page);
  return post(form.action, {{"csrf_token", form.input("csrf_token").value_or("")},
                            {"username", username},
                            {"password", password}});
}

ApiReply Browser::submit_consent(const ApiReply& page, const std::string& decision) {
  auto form = only_form(page);
  return post(form.action,
              {{"csrf_token", form.input("csrf_token").value_or("")}, {"decision", decision}});
}

ApiReply Browser::authorize(const std::string& query, const std::string& username,
                            const std::string& password) {
  ApiReply r = get(query);
  if (r.status == 200 && only_form(r).input("password")) r = submit_login(r, username, password);
  if (r.status == 200 && only_form(r).has_button("decision", "allow"))
    r = submit_consent(r, "allow");
  return r;
}

void Browser::take_cookies(const ApiReply& r) { jar_.take(header_values(r, "Set-Cookie")); }

test_support::HtmlForm only_form(const ApiReply& page) {
  auto forms = test_support::html_forms(page.body);
  return forms.size() == 1 ? forms.front() : test_support::HtmlForm{};
}

std::vector<std::string> header_values(const ApiReply& r, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : r.headers) {
    if (iequals(k, name)) out.push_back(v);
  }
  return out;
}

std::map<std::string, std::string> location_params(const ApiReply& r) {
  std::map<std::string, std::string> out;
  auto location = header(r, "Location");
  if (!location) return out;
  for (auto& [k, v] : test_support::query_params(*location)) out.emplace(k, v);
  return out;
}

std::string location_base(const ApiReply& r) {
  return test_support::without_query(header(r, "Location").value_or(""));
}

ApiReply exchange_code(ServerHarness& s, const std::string& client_id,
                       const std::optional<std::string>& secret,
                       const std::optional<std::string>& code,
                       const std::optional<std::string>& verifier,
                       const std::optional<std::string>& redirect_uri) {
  std::vector<std::pair<std::string, std::string>> fields = {{"grant_type", "authorization_code"}};
  if (code) fields.emplace_back("code", *code);
  if (redirect_uri) fields.emplace_back("redirect_uri", *redirect_uri);
  if (verifier) fields.emplace_back("code_verifier", *verifier);
  if (!secret) fields.emplace_back("client_id", client_id);
  std::optional<std::pair<std::string, std::string>> creds;
  if (secret) creds = std::make_pair(client_id, *secret);
  return s.post_form("/oauth/token/", test_support::form_body(fields), creds);
}

}  // namespace ock::server::testing
