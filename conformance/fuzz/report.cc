// libFuzzer target runner_report: a report.json as `oauth-conformance compare` reads it, through
// report::from_json (which documents std::runtime_error for a bad report), then both compare
// renderers. A report it accepts renders, and what to_json writes of it reads back. Report and
// model units only.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/model/run_report.h"
#include "conformance/report/compare_report.h"
#include "conformance/report/json_report.h"
#include "tests/support/fuzz_invariant.h"

namespace ock::conformance::report {
namespace {

void fuzz_one(std::string_view input) {
  RunReport report;
  try {
    report = from_json(input);
  } catch (const std::runtime_error&) {
    return;  // the documented answer to a file that is not a report
  }
  const std::vector<RunReport> reports = {report, report};
  (void)compare_html(reports);
  (void)compare_markdown(reports);
  try {
    (void)from_json(to_json(report));
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "from_json(to_json(report)): %s\n", e.what());
    fuzz::require(false, "a report written by to_json reads back");
  }
}

}  // namespace
}  // namespace ock::conformance::report

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::conformance::report::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
