#include "conformance/runner/breaker.h"

#include <algorithm>

namespace ock::conformance::runner {

BreakerTransport::BreakerTransport(engine::Transport& inner, int threshold)
    : inner_(inner), threshold_(std::max(1, threshold)) {}

Result<engine::HttpExchange, engine::TransportError> BreakerTransport::send(
    const engine::HttpRequest& request) {
  using Kind = engine::TransportError::Kind;
  if (open_) {
    return fail(engine::TransportError{Kind::kConnect,
                                       "circuit breaker open: the target stopped answering"});
  }
  auto r = inner_.send(request);
  if (r) {
    consecutive_ = 0;
  } else if (r.error().kind == Kind::kConnect || r.error().kind == Kind::kTimeout) {
    if (++consecutive_ >= threshold_) open_ = true;
  }
  return r;
}

}  // namespace ock::conformance::runner
