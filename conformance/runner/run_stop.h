// When a run must end before its cases do: the whole-run deadline (--deadline) or an outside
// stop (SIGINT/SIGTERM, set by main). One flag that the transport, the sleeper and the scheduler
// all watch, and a transport in front of the target that fails every request once the run is
// stopping and bounds each request's timeout by the time left, so that the run ends soon after
// and still writes its reports. Each case has a deadline of its own too (--case-deadline): past
// it, its requests are refused and it ends in ERROR. Depends on engine/transport.h only.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "conformance/engine/transport.h"

namespace ock::conformance::runner {

class RunStop {
 public:
  // `flag`: set by whoever stops the run (a signal handler may set it); the deadline is
  // measured from now.
  RunStop(std::atomic<bool>& flag, std::optional<std::chrono::seconds> deadline);

  // Stops the run with this reason, unless it is stopping already (the first reason stays).
  void stop(std::string reason);
  // Why the run is stopping ("the run's deadline (600 s) passed"), or nullopt. Checks the
  // deadline; `outside_reason` names a stop set on the flag from outside.
  std::optional<std::string> why(const std::string& outside_reason);
  // Time left before the deadline (nullopt: no deadline).
  std::optional<std::chrono::milliseconds> left() const;

 private:
  std::atomic<bool>& flag_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::optional<std::chrono::seconds> span_;
  std::mutex mu_;
  std::string reason_;
};

// The deadline of the case that runs on this thread, from construction until destruction (each
// case runs on a thread of its own). StoppableTransport reads it.
class CaseDeadline {
 public:
  explicit CaseDeadline(std::chrono::seconds span);
  ~CaseDeadline();
  CaseDeadline(const CaseDeadline&) = delete;
  CaseDeadline& operator=(const CaseDeadline&) = delete;

  // Time left to the case running on the calling thread (nullopt: none set).
  static std::optional<std::chrono::milliseconds> left();
  // "the case's deadline (300 s, --case-deadline) passed".
  static std::string passed();
};

class StoppableTransport : public engine::Transport {
 public:
  StoppableTransport(engine::Transport& inner, RunStop& stop, std::atomic<bool>& flag,
                     std::chrono::milliseconds default_timeout);
  Result<engine::HttpExchange, engine::TransportError> send(
      const engine::HttpRequest& request) override;

 private:
  engine::Transport& inner_;
  RunStop& stop_;
  std::atomic<bool>& flag_;
  std::chrono::milliseconds default_timeout_;
};

}  // namespace ock::conformance::runner
