// How a case counts toward the run once its baseline is taken into account: the one rule that
// the console's closing line, the JUnit states and the Markdown/HTML sections all share.
// Pure functions of conformance/model/run_report.h; no I/O.
#pragma once

#include "conformance/model/run_report.h"

namespace ock::conformance::report {

enum class Outcome { kPassed, kFailed, kSkipped };

// A FAIL that a matching baseline entry expected (baseline == FAIL) and that is not stale.
bool is_expected_failure(const CaseResult& c);

// PASS, WARN and expected failures pass; an unexpected FAIL, an ERROR or a stale baseline
// entry fails; SKIP is skipped.
Outcome outcome_of(const CaseResult& c);

struct Tally {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
};

// outcome_of summed over every result of the run.
Tally tally(const RunReport& report);

}  // namespace ock::conformance::report
