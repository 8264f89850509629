// Baselines: the known deviations of a target (README, "The conformance runner"). An entry's id is
// a case id, a glob, or `case-id#assertion-id`; a case that fails as listed does not fail the run,
// and an entry that no longer fails is stale and does (so baselines never rot).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "conformance/model/result.h"
#include "conformance/model/run_report.h"

namespace ock::conformance::runner {

struct BaselineEntry {
  std::string id{};  // glob over case ids, optionally "#<assertion glob>"
  Verdict verdict = Verdict::kFail;
  std::string comment{};
};

struct Baseline {
  std::string target{};
  std::vector<BaselineEntry> expected{};
};

// Parses the JSON baseline; errors name the bad field ("expected[2].verdict: ...").
Result<Baseline, std::string> parse_baseline(std::string_view text);
Result<Baseline, std::string> load_baseline(const std::string& path);

// Marks result.baseline / baseline_comment for the entry matching this case (first match wins).
void match_baseline(const Baseline& baseline, CaseResult& result);
// After the run: flags stale entries (cases listed as FAIL/WARN that now PASS) on the results.
// Returns one line per stale entry.
std::vector<std::string> mark_stale(const Baseline& baseline, std::vector<CaseResult>& results);

}  // namespace ock::conformance::runner
