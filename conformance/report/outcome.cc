#include "conformance/report/outcome.h"

namespace ock::conformance::report {

bool is_expected_failure(const CaseResult& c) {
  return c.verdict == Verdict::kFail && c.baseline == Verdict::kFail && !c.stale_baseline;
}

Outcome outcome_of(const CaseResult& c) {
  if (c.stale_baseline) return Outcome::kFailed;
  switch (c.verdict) {
    case Verdict::kPass:
    case Verdict::kWarn:
      return Outcome::kPassed;
    case Verdict::kSkip:
      return Outcome::kSkipped;
    case Verdict::kFail:
      return is_expected_failure(c) ? Outcome::kPassed : Outcome::kFailed;
    case Verdict::kError:
      return Outcome::kFailed;
  }
  return Outcome::kFailed;
}

Tally tally(const RunReport& report) {
  Tally t;
  for (const auto& c : report.results) {
    switch (outcome_of(c)) {
      case Outcome::kPassed:
        ++t.passed;
        break;
      case Outcome::kFailed:
        ++t.failed;
        break;
      case Outcome::kSkipped:
        ++t.skipped;
        break;
    }
  }
  return t;
}

}  // namespace ock::conformance::report
