// HttpServer: serves the core Router (any ApiHandler) over HTTP/1.1 (or HTTPS) with Pistache
// 0.0.5. It only translates requests and replies; every protocol decision is in core. Pistache's traps are
// handled here: response headers through a custom header class, SIGPIPE
// ignored for TLS, limits on request size and header time, and connections accepted (capped,
// TLS handshakes run without blocking) by http/connection_front, not by Pistache's listener.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "reference-server/core/api.h"

namespace ock::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;  // 0 picks a free port
  int threads = 4;  // Pistache's reactor threads: they read every request and answer GETs
  int request_workers = 0;  // threads for requests with a body (hashing, writes); 0 = one per core
  std::size_t max_queued_requests = 256;  // beyond, 503 with Retry-After
  std::size_t max_request_bytes = 128 * 1024;  // request line + headers + body
  int header_timeout_s = 10;  // also the deadline of a TLS handshake
  int body_timeout_s = 10;
  // Open client connections at most; 0 = min(10,000, what the open-file limit leaves room for).
  std::size_t max_connections = 0;
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
  // The connection cap in force (after start()).
  std::size_t max_connections() const;
  // "http://127.0.0.1:PORT" or "https://…".
  std::string url() const;
  // Stops accepting and joins the workers.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ock::server
