// ApiRequest / ApiReply: an HTTP request and answer as plain data, so that every endpoint's
// protocol logic lives in core and is testable without a network; http/ only translates
// Pistache's objects to and from these, and serves any ApiHandler (the core Router, or a test
// double). std only.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ock::server {

struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query, not percent-decoded
  std::string query;   // the query string exactly as sent (after the '?', not decoded; order
                       // and repeated parameters kept); "" when there is none
  std::optional<std::string> content_type;
  std::optional<std::string> authorization;  // raw Authorization header value
  std::string body;
  std::string host;  // Host header, for the issuer when none is configured
  bool tls = false;
  std::optional<std::string> cookie = std::nullopt;  // raw Cookie header value
};

struct ApiReply {
  int status = 200;
  std::string content_type = "application/json";  // "" for no body
  std::string body;
  // Extra response headers, beyond Content-Type: Cache-Control, Pragma, WWW-Authenticate,
  // Retry-After, Allow, Location, Set-Cookie, and the HTML pages' framing and caching headers.
  // At most one of each name: Pistache 0.0.5 keeps only one (so one Set-Cookie per reply).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string client_id;  // the authenticated client, for the access log (never a secret)

  void add_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// What answers ApiRequests. Implementations never throw.
class ApiHandler {
 public:
  virtual ~ApiHandler() = default;
  virtual ApiReply route(const ApiRequest& req) noexcept = 0;
};

}  // namespace ock::server
