// HttpServer: serves the core Router (any ApiHandler) over HTTP/1.1 (or HTTPS) with Pistache
// 0.0.5. It only translates requests and replies; every protocol decision is in core. Pistache's traps are
// handled here: response headers through a custom header class, SIGPIPE
// ignored for TLS, useSSL after init, limits on request size and header time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "reference-server/core/api.h"

namespace ock::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;  // 0 picks a free port
  int threads = 4;
  std::size_t max_request_bytes = 128 * 1024;  // request line + headers + body
  int header_timeout_s = 10;
  int body_timeout_s = 10;
  std::string tls_cert;  // PEM paths; both empty = plain HTTP
  std::string tls_key;
  bool access_log = true;  // one line per request on stderr
};

class HttpServer {
 public:
  // `api` must outlive the server.
  HttpServer(ApiHandler& api, HttpOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving on background threads. Throws std::runtime_error with one
  // sentence when the address cannot be used or the certificate cannot be loaded.
  void start();
  // The bound port (after start()).
  std::uint16_t port() const;
  // "http://127.0.0.1:PORT" or "https://…".
  std::string url() const;
  // Stops accepting and joins the workers.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ock::server
