// The libcurl implementation of the Transport port, and the only code of the runner that
// includes <curl/curl.h>. One easy handle per call: HTTP/1.1 only, no redirects followed, no
// signals, connect/total timeouts, the request's source address when it names one, the exchange
// recorded byte for byte from curl's debug stream.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "conformance/engine/transport.h"

namespace ock::conformance::transport {

struct CurlOptions {
  std::string ca_file;    // "" = the system trust store
  bool insecure = false;  // skip certificate and host name verification
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};
  // Body bytes kept per response; the rest is read, counted and dropped (a target's 1 GB reply
  // must not become gigabytes of memory, once per copy).
  std::size_t max_body = kDefaultMaxBody;
  // 1 MiB: OAuth documents are a few KiB, and the run keeps several copies of each reply
  // (measured: 8 MiB of a 256 MiB reply peaked at 130 MB RSS, 1 MiB at about 40 MB).
  static constexpr std::size_t kDefaultMaxBody = 1024 * 1024;
  // When set, a transfer in flight is aborted as soon as it becomes true (a stopping run).
  const std::atomic<bool>* abort = nullptr;
};

// Call once in main before any thread starts (curl_global_init); the destructor cleans up.
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

class CurlTransport : public engine::Transport {
 public:
  explicit CurlTransport(CurlOptions options);
  // Thread-safe: every call uses its own easy handle.
  Result<engine::HttpExchange, engine::TransportError> send(
      const engine::HttpRequest& request) override;

 private:
  CurlOptions options_;
};

}  // namespace ock::conformance::transport
