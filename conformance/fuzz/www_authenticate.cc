// libFuzzer target runner_www_authenticate: a WWW-Authenticate value from a target, through the
// runner's RFC 9110 §11.6.1 parser (parse_challenges) and the RFC 6750 §3 judgement built on it
// (bearer_challenge_problem, challenge_syntax_problem). A parsed challenge has a scheme made of
// tchars; a value judged fine parses. Checks units only: no recorder, no transport.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "conformance/checks/challenge.h"
#include "conformance/checks/grammar.h"
#include "tests/support/fuzz_invariant.h"

namespace ock::conformance::checks {
namespace {

void fuzz_one(std::string_view input) {
  auto parsed = parse_challenges(input);
  if (parsed) {
    fuzz::require(!parsed->empty(), "a parsed value holds a challenge");
    for (const auto& c : *parsed) {
      bool scheme = !c.scheme.empty();
      for (char ch : c.scheme) scheme = scheme && is_tchar(ch);
      fuzz::require(scheme, "a challenge's scheme is a token");
      (void)bearer_challenge_problem(c);
      (void)c.param("realm");
    }
  }
  HttpExchange x;
  x.response.status = 401;
  x.response.headers.push_back({"WWW-Authenticate", std::string(input)});
  auto problem = challenge_syntax_problem(x);
  fuzz::require(problem.has_value() || parsed.has_value(), "a value judged fine parses");
  (void)challenges_of(x);
}

}  // namespace
}  // namespace ock::conformance::checks

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::conformance::checks::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
