// libFuzzer target runner_baseline: a baseline file (known deviations of a target) through
// parse_baseline, the text half of load_baseline, then its globs matched against a few case
// results (match_baseline, mark_stale) as a run does. An accepted entry has an id and a comment.
// Runner and model units only.
#include "conformance/runner/baseline.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/model/run_report.h"
#include "tests/support/fuzz_invariant.h"

namespace ock::conformance::runner {
namespace {

CaseResult result(std::string id, Verdict verdict, std::vector<std::string> failed_assertions) {
  CaseResult r;
  r.id = std::move(id);
  r.area = r.id.substr(0, r.id.find('.'));
  r.verdict = verdict;
  for (auto& a : failed_assertions) r.assertions.push_back({std::move(a), verdict, "", ""});
  return r;
}

std::vector<CaseResult> sample_results() {
  return {result("password.error.wrong_password", Verdict::kFail, {"status", "error_code"}),
          result("rs.invalid_token", Verdict::kPass, {}),
          result("token_response.cache_control", Verdict::kWarn, {"cache_control#refresh"}),
          result("tls.old_versions", Verdict::kSkip, {}),
          result("client_auth.wrong_secret", Verdict::kError, {"transport"})};
}

void fuzz_one(std::string_view input) {
  auto baseline = parse_baseline(input);
  if (!baseline) {
    fuzz::require(!baseline.error().empty(), "a refused baseline says why");
    return;
  }
  for (const auto& e : baseline->expected) {
    fuzz::require(!e.id.empty() && !e.comment.empty(), "every entry has an id and a comment");
  }
  auto results = sample_results();
  for (auto& r : results) match_baseline(*baseline, r);
  (void)mark_stale(*baseline, results);
}

}  // namespace
}  // namespace ock::conformance::runner

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::conformance::runner::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
