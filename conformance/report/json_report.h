// report.json, the source of truth of a run (the README, "The conformance runner"): RunReport to
// pretty-printed JSON and back. Pure functions over conformance/model/run_report.h and
// nlohmann_json; no files, no console.
#pragma once

#include <string>
#include <string_view>

#include "conformance/model/run_report.h"

namespace ock::conformance::report {

// The "ock-report/1" document, 2-space indent, keys in schema order, ending with a newline.
// Extra fields beyond the schema: insecure, requirement, baseline_comment, stale_baseline and
// each exchange's label. Invalid UTF-8 in any string is replaced by U+FFFD; never throws.
std::string to_json(const RunReport& report);

// Parses a report written by to_json (or by hand to the same schema). Throws
// std::runtime_error with one sentence naming the bad field when the input is not such a report.
RunReport from_json(std::string_view text);

}  // namespace ock::conformance::report
