// Test support: a tiny HTTP/1.1 server on 127.0.0.1 (port 0) written with POSIX sockets. A
// handler turns each request into a raw response; every request is recorded. Lets the tests
// play servers that misbehave. No OAuth knowledge beyond what the test's handler writes.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ock::client::testing {

struct CannedRequest {
  std::string method;
  std::string path;
  std::string head;  // request line and headers
  std::string body;

  std::string header(const std::string& name) const;  // case-insensitive, "" if absent
};

// A full HTTP response with Content-Length and Connection: close.
std::string http_response(int status, const std::string& reason, const std::string& content_type,
                          const std::string& body, const std::string& extra_headers = "");

class CannedServer {
 public:
  using Handler = std::function<std::string(const CannedRequest&)>;

  explicit CannedServer(Handler handler);
  ~CannedServer();
  CannedServer(const CannedServer&) = delete;
  CannedServer& operator=(const CannedServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<CannedRequest> requests() const;

 private:
  void serve();

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<CannedRequest> requests_;
  std::thread thread_;
};

// A loopback port with nothing listening on it (bound, read, closed).
int closed_port();

}  // namespace ock::client::testing
