// The transport port of the conformance runner: one HTTP request in, the exchange as it went
// over the wire out. Implemented by transport/curl_transport (the only code that sees curl) and
// by mocks in tests. A transport never judges a response; it only reports what happened.
#pragma once

#include <string>

#include "conformance/engine/http.h"
#include "conformance/model/result.h"

namespace ock::conformance::engine {

struct TransportError {
  enum class Kind { kConnect, kTimeout, kTls, kProtocol, kOther };
  Kind kind = Kind::kOther;
  std::string message;  // one line, e.g. "Failed to connect to 127.0.0.1 port 9: refused"
};

const char* to_string(TransportError::Kind kind);

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends one request; never throws. Thread-safe: the runner calls it from several threads.
  virtual Result<HttpExchange, TransportError> send(const HttpRequest& request) = 0;
};

}  // namespace ock::conformance::engine
