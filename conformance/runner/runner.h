// The engine: selects cases (--only/--skip globs), resolves prerequisites, runs cases
// concurrently (time-delayed ones on their own threads, destructive ones last and alone), grades
// findings by level and mode (catalog.md §0), trips a circuit breaker when the target stops
// answering, applies the baseline and redacts every result. Takes the Transport port; no curl.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/catalog/catalog.h"
#include "conformance/engine/profile.h"
#include "conformance/model/run_report.h"
#include "conformance/engine/sleeper.h"
#include "conformance/engine/transport.h"
#include "conformance/runner/baseline.h"

namespace ock::conformance::runner {

enum class Mode { kRfc, kStrict, kBcp };
std::optional<Mode> parse_mode(std::string_view text);
const char* to_string(Mode mode);

// The verdict of an assertion that did not hold, by level and mode (catalog.md §0):
// Must FAIL; Should and Tolerance WARN (FAIL in strict); Bcp WARN (FAIL in bcp); Advice WARN;
// May PASS (the runner adds a note).
Verdict verdict_for_failure(Level level, Mode mode);

struct RunOptions {
  Mode mode = Mode::kRfc;
  std::vector<std::string> only{};  // globs; empty = every case
  std::vector<std::string> skip{};  // globs
  int jobs = 8;
  std::optional<Baseline> baseline{};
  int breaker_threshold = 5;  // consecutive connect/timeout failures that trip the breaker
  std::string runner_version = "0.0.0";
  std::string profile_sha256{};
  // Called once per finished case (already redacted), serialised under the runner's lock.
  std::function<void(const CaseResult&, int done, int total)> on_case_finished{};
};

struct RunOutcome {
  RunReport report;
  bool breaker_tripped = false;
  std::vector<std::string> stale_entries;
};

// The selected cases in catalog order: matching an --only glob (or all), matching no --skip glob.
std::vector<const Case*> select_cases(const catalog::Catalog& catalog,
                                               const std::vector<std::string>& only,
                                               const std::vector<std::string>& skip);

class Runner {
 public:
  Runner(const catalog::Catalog& catalog, const engine::Profile& profile,
         engine::Transport& transport, engine::Sleeper& sleeper, RunOptions options);
  RunOutcome run();

 private:
  const catalog::Catalog& catalog_;
  const engine::Profile& profile_;
  engine::Transport& transport_;
  engine::Sleeper& sleeper_;
  RunOptions options_;
};

// Exit codes of interfaces.md: 2 when the breaker tripped or any case ended in ERROR (the run
// is incomplete, e.g. the target is unreachable); else 1 on an unexpected FAIL or a stale
// baseline entry; 3 when nothing executed; 4 with fail_on_warn when un-baselined WARNs remain;
// else 0.
int exit_code(const RunOutcome& outcome, bool fail_on_warn);

}  // namespace ock::conformance::runner
