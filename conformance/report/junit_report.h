// junit.xml for GitLab, Jenkins and the GitHub JUnit actions, mapped as follows:
// one <testsuite> per area, one <testcase> per case, WARN and baselined failures as passing cases
// with properties, stale baselines as failures. A pure function; no files, no XML library.
#pragma once

#include <string>

#include "conformance/model/run_report.h"

namespace ock::conformance::report {

// The whole document (UTF-8, XML 1.0). Every target-provided string is escaped and stripped of
// characters XML forbids; testcase names are unique within the file. Never throws.
std::string to_junit(const RunReport& report);

}  // namespace ock::conformance::report
