// Test harness for the reference server's behaviour tests: a seeded MemoryStore, a FakeClock and
// the core Router, reached either directly (ApiRequest in, ApiReply out) or over real HTTP on
// 127.0.0.1 through HttpServer and libcurl, so the same assertions hold for both paths.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "reference-server/core/api.h"
#include "reference-server/core/clock.h"
#include "reference-server/core/oauth_service.h"
#include "reference-server/core/router.h"
#include "reference-server/http/http_server.h"
#include "reference-server/storage/memory_store.h"

namespace ock::server::testing {

enum class Path { kDirect, kHttp };

class ServerHarness {
 public:
  explicit ServerHarness(Path path, ServerConfig config = default_config());
  ~ServerHarness();

  static ServerConfig default_config();

  ApiReply send(const ApiRequest& req);

  // POST to `path` with a form body and, when `basic` is set, Basic credentials for it
  // ("id:secret", each part form-encoded first as RFC 6749 §2.3.1 says).
  ApiReply post_form(const std::string& path, const std::string& body,
                     std::optional<std::pair<std::string, std::string>> basic);
  ApiReply token(const std::string& body, const std::string& id = "demo-client",
                 const std::string& secret = "demo-secret-1");
  // A password grant for alice; returns the parsed JSON body (empty object on failure).
  nlohmann::json alice_tokens(const std::string& scope = "");
  ApiReply api(const std::string& method, const std::string& path, const std::string& access_token,
               const std::string& body = "", const std::string& content_type = "");

  MemoryStore& store() { return store_; }
  FakeClock& clock() { return clock_; }

 private:
  MemoryStore store_;
  FakeClock clock_;
  std::unique_ptr<OAuthService> oauth_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<HttpServer> http_;
  Path path_;
};

// The value of the first response header `name` (case-insensitive), if any.
std::optional<std::string> header(const ApiReply& r, const std::string& name);
// The JSON body, or a discarded value when it is not JSON.
nlohmann::json body_json(const ApiReply& r);
std::string basic(const std::string& id, const std::string& secret);

}  // namespace ock::server::testing
