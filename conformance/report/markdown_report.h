// report.md: a run as GitHub-flavoured Markdown, fit for a pull-request comment or
// $GITHUB_STEP_SUMMARY: title, summary table, the failures/errors/warnings with RFC links and
// expected/actual, then one compact row per case. A pure function; no files.
#pragma once

#include <string>
#include <string_view>

#include "conformance/model/run_report.h"

namespace ock::conformance::report {

// The whole document. Target-provided text is escaped (no raw HTML, no @mentions, no table
// breaks); exchanges sit in fenced blocks inside <details>, each body cut at 2000 bytes so a
// failing run still fits a pull-request comment. Never throws.
std::string to_markdown(const RunReport& report);

// An inline code span holding `text` whatever backticks it contains; with `in_table`, pipes are
// escaped so the span cannot split a table cell. Shared with the compare matrix.
std::string markdown_code(std::string_view text, bool in_table);

}  // namespace ock::conformance::report
