// How findings become a verdict (the level table of docs/catalog.md): the mode of a run, the
// verdict of a failed assertion by level and mode, and the CaseResult of a case from what its
// body recorded and how it ended. Pure: no I/O, no threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/engine/http.h"
#include "conformance/engine/recorder.h"
#include "conformance/model/case.h"
#include "conformance/model/run_report.h"

namespace ock::conformance::runner {

enum class Mode { kRfc, kStrict, kBcp };
std::optional<Mode> parse_mode(std::string_view text);
const char* to_string(Mode mode);

// The verdict of an assertion that did not hold, by level and mode:
// Must FAIL; Should and Tolerance WARN (FAIL in strict); Bcp WARN (FAIL in bcp); Advice WARN;
// Notice PASS (WARN in bcp); May PASS (a note says so).
Verdict verdict_for_failure(Level level, Mode mode);

// How a case body ended.
struct BodyOutcome {
  std::optional<std::string> skip_reason;   // CaseSkipped
  std::optional<std::string> error_reason;  // CaseError, an exception, or no body
  std::optional<std::string> abort_reason;  // CaseAborted (a require_* failed)
};

// The result fields every case has, from its declaration.
CaseResult skeleton(const Case& c);
// A case SKIPped before it ran.
CaseResult skipped(const Case& c, std::string reason);
// A case that ran: the worst assertion decides; ERROR and SKIP as the body ended.
CaseResult grade(const Case& c, const BodyOutcome& outcome,
                 const std::vector<engine::Finding>& findings, std::vector<std::string> notes,
                 Mode mode);
// The exchanges of a case as the report keeps them (redaction comes later).
std::vector<RecordedExchange> recorded(const std::vector<engine::HttpExchange>& exchanges);

}  // namespace ock::conformance::runner
