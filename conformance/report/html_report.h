// report.html: one self-contained page (inline CSS and JS, no external resource) for people:
// header, summary, a colour-coded list of every case filterable by verdict and area, each case
// expandable to its requirement, RFC links, assertions, notes and redacted exchanges.
// A pure function; no files, no network.
#pragma once

#include <string>

#include "conformance/model/run_report.h"

namespace ock::conformance::report {

// The whole page. Every target-provided string is HTML-escaped. Stable hooks for scripts and
// browser tests: checkboxes #filter-verdict-<VERDICT> and #filter-area-<area>, #filter-text,
// #filter-count, rows .case-row with data-verdict / data-area. The page applies a filter from
// its location hash at load: #verdict=FAIL,WARN&area=password&q=text. Never throws.
std::string to_html(const RunReport& report);

}  // namespace ock::conformance::report
