#include "reference-server/tests/http/server_harness.h"

#include <cctype>
#include <chrono>
#include <stdexcept>
#include <utility>

#include "reference-server/core/seed.h"
#include "tests/support/http_client.h"

namespace ock::server::testing {
namespace {

const char* kSeed = R"({
  "scopes": {"read": "Read", "write": "Write", "groups": "Groups", "admin": "Admin"},
  "groups": ["staff"],
  "users": [
    {"username": "alice", "password": "alice-password-1", "email": "alice@example.test",
     "first_name": "Alice", "last_name": "L"},
    {"username": "victim", "password": "victim-password-1"},
    {"username": "zoë", "password": "pä§wörd&=+%;1"}
  ],
  "clients": [
    {"client_id": "demo-client", "client_secret": "demo-secret-1", "name": "Demo",
     "grants": ["password", "refresh_token", "client_credentials"], "scopes": ["read", "write", "groups"]},
    {"client_id": "second-client", "client_secret": "second-secret-1",
     "grants": ["password", "refresh_token"], "scopes": ["read", "write", "groups"]},
    {"client_id": "machine-client", "client_secret": "machine-secret-1",
     "grants": ["client_credentials"], "scopes": ["read"]},
    {"client_id": "special:client+1/%= x", "client_secret": "s3cret:+/%= &x",
     "grants": ["password"], "scopes": ["read"]},
    {"client_id": "short-client", "client_secret": "short-secret-1",
     "grants": ["password", "refresh_token"], "scopes": ["read"], "token_ttl": 3},
    {"client_id": "public-client", "type": "public", "grants": ["authorization_code", "refresh_token"],
     "scopes": ["read"], "redirect_uris": ["http://127.0.0.1/callback"], "first_party": true},
    {"client_id": "code-client", "client_secret": "code-secret-1", "name": "Code <client> & \"co\"",
     "grants": ["authorization_code", "refresh_token"], "scopes": ["read", "write", "groups"],
     "redirect_uris": ["https://client.example/cb"]},
    {"client_id": "first-party", "client_secret": "first-secret-1", "name": "First party",
     "grants": ["authorization_code", "refresh_token"], "scopes": ["read", "write"],
     "redirect_uris": ["https://fp.example/cb?tenant=1"], "first_party": true},
    {"client_id": "multi-uri", "client_secret": "multi-secret-1",
     "grants": ["authorization_code"], "scopes": ["read"], "first_party": true,
     "redirect_uris": ["https://a.example/cb", "https://b.example/cb"]},
    {"client_id": "refresh-only", "client_secret": "refresh-secret-1", "grants": ["refresh_token"],
     "scopes": ["read"], "redirect_uris": ["https://ro.example/cb"]}
  ]
})";

}  // namespace

ServerConfig ServerHarness::default_config() {
  ServerConfig c;
  c.pbkdf2_iterations = 10;
  c.access_ttl = 3600;
  c.refresh_ttl = 86400;
  c.throttle = ThrottleConfig{5, 60, 30};
  return c;
}

ServerHarness::ServerHarness(Path path, ServerConfig config) : path_(path) {
  auto seeded = apply_seed(store_, nlohmann::json::parse(kSeed), config.pbkdf2_iterations);
  if (!seeded) throw std::runtime_error("seed: " + seeded.error());
  oauth_ = std::make_unique<OAuthService>(store_, clock_, config);
  router_ = std::make_unique<Router>(store_, *oauth_);
  if (path_ == Path::kHttp) {
    HttpOptions o;
    o.port = 0;
    o.threads = 2;
    o.access_log = false;
    http_ = std::make_unique<HttpServer>(*router_, o);
    http_->start();
  }
}

ServerHarness::~ServerHarness() {
  if (http_) http_->stop();
}

ApiReply ServerHarness::send(const ApiRequest& req) {
  if (path_ == Path::kDirect) {
    ApiRequest r = req;
    if (r.host.empty()) r.host = "127.0.0.1:8000";
    return router_->route(r);
  }
  test_support::HttpRequest request;
  request.method = req.method;
  request.url = http_->url() + req.path + (req.query.empty() ? "" : "?" + req.query);
  if (req.content_type) request.headers.push_back("Content-Type: " + *req.content_type);
  if (req.authorization) request.headers.push_back("Authorization: " + *req.authorization);
  if (req.cookie) request.headers.push_back("Cookie: " + *req.cookie);
  if (!req.body.empty() || req.method == "POST") request.body = req.body;
  request.timeout = std::chrono::seconds(20);
  test_support::HttpResponse response = test_support::send(request);
  if (!response.ok()) throw std::runtime_error("HTTP request failed: " + response.error);
  ApiReply reply;
  reply.status = static_cast<int>(response.status);
  reply.headers = std::move(response.headers);
  reply.body = std::move(response.body);
  reply.content_type = header(reply, "Content-Type").value_or("");
  return reply;
}

std::string basic(const std::string& id, const std::string& secret) {
  return "Basic " + test_support::base64(test_support::form_encode(id) + ":" +
                                         test_support::form_encode(secret));
}

ApiReply ServerHarness::post_form(const std::string& path, const std::string& body,
                                  std::optional<std::pair<std::string, std::string>> creds) {
  ApiRequest req;
  req.method = "POST";
  req.path = path;
  req.content_type = "application/x-www-form-urlencoded";
  req.body = body;
  if (creds) req.authorization = basic(creds->first, creds->second);
  return send(req);
}

ApiReply ServerHarness::token(const std::string& body, const std::string& id, const std::string& secret) {
  return post_form("/oauth/token/", body, std::make_pair(id, secret));
}

nlohmann::json ServerHarness::alice_tokens(const std::string& scope) {
  std::string body = "grant_type=password&username=alice&password=alice-password-1";
  if (!scope.empty()) body += "&scope=" + test_support::form_encode(scope);
  auto r = token(body);
  auto j = body_json(r);
  return r.status == 200 && j.is_object() ? j : nlohmann::json::object();
}

ApiReply ServerHarness::api(const std::string& method, const std::string& path,
                            const std::string& access_token, const std::string& body,
                            const std::string& content_type) {
  ApiRequest req;
  req.method = method;
  req.path = path;
  if (!access_token.empty()) req.authorization = "Bearer " + access_token;
  req.body = body;
  if (!content_type.empty()) req.content_type = content_type;
  return send(req);
}

std::optional<std::string> header(const ApiReply& r, const std::string& name) {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (const auto& [k, v] : r.headers) {
    if (lower(k) == lower(name)) return v;
  }
  if (lower(name) == "content-type" && !r.content_type.empty()) return r.content_type;
  return std::nullopt;
}

nlohmann::json body_json(const ApiReply& r) { return nlohmann::json::parse(r.body, nullptr, false); }

}  // namespace ock::server::testing
