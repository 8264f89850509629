// libFuzzer target server_request_head: the raw bytes a connection sends, through the
// RequestHeadBuffer that collects a request head before Pistache sees it, and framing_problem
// that judges it. The head found must not depend on how the bytes were split into reads, never
// exceeds its bound, and a refusal is one of 400, 411, 413. std only (reference-server/http).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "reference-server/http/request_framing.h"
#include "tests/support/fuzz_invariant.h"

namespace ock::server::http {
namespace {

constexpr std::size_t kMaxHead = 4096;

void fuzz_one(std::string_view input) {
  if (input.empty()) return;
  // The first byte chooses where the bytes are cut into two reads.
  const std::size_t cut = static_cast<unsigned char>(input.front()) % input.size();
  input.remove_prefix(1);

  RequestHeadBuffer whole(kMaxHead);
  whole.append(input);
  RequestHeadBuffer split(kMaxHead);
  split.append(input.substr(0, cut));
  split.append(input.substr(cut));
  fuzz::require(whole.complete() == split.complete(), "completeness does not depend on the split");
  fuzz::require(whole.text() == split.text(), "the head does not depend on the split");
  fuzz::require(whole.text().size() <= kMaxHead, "the head stays within its bound");
  if (!whole.complete()) return;
  const std::string& head = whole.text();
  fuzz::require(head.back() == '\n', "a complete head ends with a line end");

  auto problem = framing_problem(head, 1000);
  if (problem) {
    fuzz::require(problem->status == 400 || problem->status == 411 || problem->status == 413,
                  "a refusal is 400, 411 or 413");
    fuzz::require(!problem->description.empty(), "a refusal says why");
  }
  // Adding a Transfer-Encoding line before the blank line is always refused.
  const std::size_t first_line = head.find('\n');
  if (first_line != std::string::npos && first_line + 1 < head.size()) {
    std::string with_te = head.substr(0, first_line + 1) + "Transfer-Encoding: chunked\r\n" +
                          head.substr(first_line + 1);
    fuzz::require(framing_problem(with_te, 1000).has_value(), "a Transfer-Encoding is refused");
  }
}

}  // namespace
}  // namespace ock::server::http

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::server::http::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
