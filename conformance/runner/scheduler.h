// The order and concurrency of a run: the dependency graph of the selected cases (`after` is a
// prerequisite whose failure SKIPs the dependant, `follows` only orders, `needs_facts` waits for
// every case writing one of those facts and SKIPs when none was written), up to `jobs` ordinary
// cases at once, time-delayed cases on their own threads so their waits overlap, destructive
// cases last and alone, and a stop (the circuit breaker) that turns what is pending into ERROR.
// Knows nothing of HTTP: the hooks run, skip and finish cases.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "conformance/model/case.h"
#include "conformance/model/run_report.h"

namespace ock::conformance::runner {

struct ScheduleHooks {
  // Why a case SKIPs before it runs (needs, destructive opt-in), or nullopt.
  std::function<std::optional<std::string>(const Case&)> static_skip;
  // Runs a case; called on a worker thread, without the scheduler's lock.
  std::function<CaseResult(const Case&)> execute;
  // True once the run must stop (the target stopped answering).
  std::function<bool()> stopped;
  // Whether a case wrote the fact (for `needs_facts`).
  std::function<bool(Fact)> established;
  // The result of a case never started because the run stopped.
  std::function<CaseResult(const Case&)> not_run;
  // Every result as it is final (under the scheduler's lock, one at a time); may amend it.
  std::function<void(CaseResult&, int done, int total)> finished;
};

class Scheduler {
 public:
  Scheduler(std::vector<const Case*> cases, int jobs);
  // Runs every case; the results in the order of the cases given.
  std::vector<CaseResult> run(const ScheduleHooks& hooks);
  // True when the run stopped early (hooks.stopped became true).
  bool stopped_early() const { return stopped_early_; }

 private:
  enum class State { kPending, kRunning, kDone };

  void link();
  void finish(std::size_t i, CaseResult r);
  void launch(std::size_t i);
  void stop_pending();
  bool start_ordinary();
  bool ordinary_left() const;
  bool start_destructive();
  bool start_any();
  bool deps_done(std::size_t i) const;
  std::optional<std::string> prerequisite_problem(std::size_t i) const;
  std::optional<std::string> fact_problem(std::size_t i) const;
  std::optional<std::string> blocked(std::size_t i) const;

  std::vector<const Case*> cases_;
  int jobs_;
  const ScheduleHooks* hooks_ = nullptr;
  std::vector<std::vector<std::size_t>> hard_, soft_, writers_;
  // Beside hard_[i][k]: the assertion case i needs from that prerequisite ("" = its verdict).
  std::vector<std::vector<std::string>> needed_assertion_;
  std::vector<State> state_;
  std::vector<CaseResult> results_;
  std::size_t done_ = 0;
  int running_ordinary_ = 0;
  int running_ = 0;
  bool stopped_early_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::thread> threads_;
};

}  // namespace ock::conformance::runner
