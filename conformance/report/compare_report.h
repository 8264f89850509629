// The `compare` subcommand's output: an Autobahn-style matrix of several runs, rows = case ids
// (union, in order of first appearance), columns = targets, cells = verdicts (baselined
// failures and stale baselines marked), with per-target summary rows. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "conformance/model/run_report.h"

namespace ock::conformance::report {

// One self-contained HTML page (inline CSS, no script, no external resource). Cells are
// <td data-verdict="FAIL" ...>; a case a run did not contain is shown as "—". Never throws.
std::string compare_html(const std::vector<RunReport>& reports);

// The same matrix as a GitHub-flavoured Markdown table. Never throws.
std::string compare_markdown(const std::vector<RunReport>& reports);

}  // namespace ock::conformance::report
