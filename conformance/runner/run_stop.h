// When a run must end before its cases do: the whole-run deadline (--deadline) or an outside
// stop (SIGINT/SIGTERM, set by main). One flag that the transport, the sleeper and the scheduler
// all watch, and a transport in front of the target that fails every request once the run is
// stopping and bounds each request's timeout by the time left, so that the run ends soon after
// and still writes its reports. Depends on engine/transport.h only.
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
