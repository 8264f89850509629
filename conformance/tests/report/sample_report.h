// A fixed RunReport for the reporter tests and the browser test: every verdict, a baselined
// FAIL, a stale baseline, WARN, SKIP with its reason, ERROR, and exchanges holding <, &, ",
// NUL, ESC, CR LF, invalid UTF-8 and non-ASCII text. Test-only; depends on result.h alone.
#pragma once

#include "conformance/model/run_report.h"

namespace ock::conformance::report::testing {

// The same value on every call; golden files are rendered from it.
RunReport sample_report();

// A second target for the compare matrix: fixes the wrong password, lacks refresh.rotation,
// adds introspection.active.
RunReport other_sample_report();

}  // namespace ock::conformance::report::testing
