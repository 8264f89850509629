// A whole run: selects the cases (selection.h), schedules them (scheduler.h), executes and
// grades each one (execution.h, grading.h) through a circuit breaker (breaker.h), the
// destructive ones from addresses of their own when it can (source_address.h), applies the
// baseline (baseline.h) and redacts every result (redactor.h); and the exit code of the run.
// Takes the Transport port; no curl.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conformance/catalog/catalog.h"
#include "conformance/engine/profile.h"
#include "conformance/engine/sleeper.h"
#include "conformance/engine/transport.h"
#include "conformance/model/run_report.h"
#include "conformance/runner/baseline.h"
#include "conformance/runner/grading.h"
#include "conformance/runner/selection.h"

namespace ock::conformance::runner {

struct RunOptions {
  Mode mode = Mode::kRfc;
  std::vector<std::string> only{};  // globs; empty = every case
  std::vector<std::string> skip{};  // globs
  int jobs = 8;
  std::optional<Baseline> baseline{};
  int breaker_threshold = 5;  // consecutive connect/timeout failures that trip the breaker
  std::string runner_version = "0.0.0";
  std::string profile_sha256{};
  // Ending early: a flag set from outside (main's SIGINT/SIGTERM handler; the runner sets it
  // too when the deadline passes), the reason to give for it, and the whole run's deadline.
  std::atomic<bool>* stop_flag = nullptr;
  std::function<std::string()> stop_reason{};
  std::optional<std::chrono::seconds> deadline{};
  // Each case's own deadline: past it, its requests are refused and it ends in ERROR.
  std::optional<std::chrono::seconds> case_deadline{};
  // Called once per finished case (already redacted), serialised under the runner's lock.
  std::function<void(const CaseResult&, int done, int total)> on_case_finished{};
  // Local addresses the destructive cases may send from (main: spare_loopback_sources). With
  // one for each selected destructive case, each sends from its own and they overlap the rest
  // of the run (scheduler.h, DestructivePolicy::kOwnAddress); else they run last and alone.
  std::vector<std::string> destructive_sources{};
};

struct RunOutcome {
  RunReport report;
  bool breaker_tripped = false;
  bool stopped = false;  // the deadline passed or the run was interrupted (report.incomplete)
  std::vector<std::string> stale_entries;
};

class Runner {
 public:
  Runner(const catalog::Catalog& catalog, const engine::Profile& profile,
         engine::Transport& transport, engine::Sleeper& sleeper, RunOptions options);
  RunOutcome run();

 private:
  RunReport header() const;

  const catalog::Catalog& catalog_;
  const engine::Profile& profile_;
  engine::Transport& transport_;
  engine::Sleeper& sleeper_;
  RunOptions options_;
};

// Exit codes of the README: 2 when the breaker tripped, the run stopped early (deadline,
// SIGINT/SIGTERM) or any case ended in ERROR (the run is incomplete, e.g. the target is
// unreachable); else 1 on an unexpected FAIL or a stale baseline
// entry; 3 when nothing executed; 4 with fail_on_warn when un-baselined WARNs remain; else 0.
int exit_code(const RunOutcome& outcome, bool fail_on_warn);

}  // namespace ock::conformance::runner
