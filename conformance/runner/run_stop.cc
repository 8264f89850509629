#include "conformance/runner/run_stop.h"

#include <algorithm>
#include <utility>

namespace ock::conformance::runner {

RunStop::RunStop(std::atomic<bool>& flag, std::optional<std::chrono::seconds> deadline)
    : flag_(flag), span_(deadline) {
  if (deadline) deadline_ = std::chrono::steady_clock::now() + *deadline;
}

void RunStop::stop(std::string reason) {
  std::lock_guard lock(mu_);
  if (reason_.empty()) reason_ = std::move(reason);
  flag_ = true;
}

std::optional<std::string> RunStop::why(const std::string& outside_reason) {
  if (!flag_ && deadline_ && std::chrono::steady_clock::now() >= *deadline_) {
    stop("the run's deadline (" + std::to_string(span_->count()) + " s, --deadline) passed");
  }
  if (!flag_) return std::nullopt;
  std::lock_guard lock(mu_);
  if (reason_.empty()) reason_ = outside_reason;
  return reason_;
}

std::optional<std::chrono::milliseconds> RunStop::left() const {
  if (!deadline_) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ -
                                                               std::chrono::steady_clock::now());
}

StoppableTransport::StoppableTransport(engine::Transport& inner, RunStop& stop,
                                       std::atomic<bool>& flag,
                                       std::chrono::milliseconds default_timeout)
    : inner_(inner), stop_(stop), flag_(flag), default_timeout_(default_timeout) {}

Result<engine::HttpExchange, engine::TransportError> StoppableTransport::send(
    const engine::HttpRequest& request) {
  using Kind = engine::TransportError::Kind;
  if (flag_ || stop_.why("the run was stopped")) {
    return fail(engine::TransportError{Kind::kOther, "the run is stopping: not sent"});
  }
  auto left = stop_.left();
  if (!left) return inner_.send(request);
  engine::HttpRequest bounded = request;
  bounded.timeout = std::min(request.timeout.value_or(default_timeout_),
                             std::max(*left, std::chrono::milliseconds(1)));
  return inner_.send(bounded);
}

}  // namespace ock::conformance::runner
