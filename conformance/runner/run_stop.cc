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

namespace {
struct ThreadCaseDeadline {
  std::optional<std::chrono::steady_clock::time_point> at;
  std::chrono::seconds span{0};
};
thread_local ThreadCaseDeadline t_case_deadline;
}  // namespace

CaseDeadline::CaseDeadline(std::chrono::seconds span) {
  t_case_deadline.at = std::chrono::steady_clock::now() + span;
  t_case_deadline.span = span;
}

CaseDeadline::~CaseDeadline() { t_case_deadline.at.reset(); }

std::optional<std::chrono::milliseconds> CaseDeadline::left() {
  if (!t_case_deadline.at) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(*t_case_deadline.at -
                                                               std::chrono::steady_clock::now());
}

std::string CaseDeadline::passed() {
  return "the case's deadline (" + std::to_string(t_case_deadline.span.count()) +
         " s, --case-deadline) passed: not sent";
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
  bool case_bound = false;  // the case's deadline is what limits this request
  if (auto case_left = CaseDeadline::left()) {
    if (case_left->count() <= 0) {
      return fail(engine::TransportError{Kind::kOther, CaseDeadline::passed()});
    }
    case_bound = !left || *case_left < *left;
    left = left ? std::min(*left, *case_left) : *case_left;
  }
  if (!left) return inner_.send(request);
  engine::HttpRequest bounded = request;
  const auto asked = request.timeout.value_or(default_timeout_);
  bounded.timeout = std::min(asked, std::max(*left, std::chrono::milliseconds(1)));
  case_bound = case_bound && *bounded.timeout < asked;
  auto r = inner_.send(bounded);
  if (!r && case_bound && r.error().kind == Kind::kTimeout) {
    auto e = r.error();
    e.message += " (cut short by the case's deadline, --case-deadline)";
    return fail(std::move(e));
  }
  return r;
}

}  // namespace ock::conformance::runner
