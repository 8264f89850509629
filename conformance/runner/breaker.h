// A circuit breaker in front of the target's transport: it counts consecutive connect and
// timeout failures and, past the threshold, fails every further call at once, so that a target
// that stopped answering ends the run quickly instead of timing out case after case.
#pragma once

#include <atomic>

#include "conformance/engine/transport.h"

namespace ock::conformance::runner {

class BreakerTransport : public engine::Transport {
 public:
  BreakerTransport(engine::Transport& inner, int threshold);
  Result<engine::HttpExchange, engine::TransportError> send(
      const engine::HttpRequest& request) override;
  bool open() const { return open_; }

 private:
  engine::Transport& inner_;
  int threshold_;
  std::atomic<int> consecutive_{0};
  std::atomic<bool> open_{false};
};

}  // namespace ock::conformance::runner
