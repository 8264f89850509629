// libFuzzer target server_scope: a scope parameter (RFC 6749 §3.3) through parse_scope, then the
// grant rule. An accepted scope holds only non-empty scope-tokens, reads back unchanged from
// join_scope(), and a granted scope stays within what is known and allowed. Core units only.
#include "reference-server/core/scope.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/fuzz_invariant.h"

namespace ock::server {
namespace {

bool is_scope_token(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u > 0x7E || c == '"' || c == '\\') return false;
  }
  return true;
}

void fuzz_one(std::string_view input) {
  auto scope = parse_scope(input);
  if (!scope) {
    fuzz::require(scope.error().code == ErrorCode::kInvalidScope,
                  "a refused scope is invalid_scope");
    return;
  }
  for (const auto& s : *scope) {
    fuzz::require(is_scope_token(s), "every accepted scope value is a scope-token");
  }
  auto again = parse_scope(join_scope(*scope));
  fuzz::require(again && *again == *scope, "parse_scope(join_scope(s)) == s");

  static const ScopeSet kKnown = {"read", "write", "groups", "admin"};
  static const std::vector<std::string> kAllowed = {"read", "write", "groups"};
  if (auto granted = grant_scope(*scope, kKnown, kAllowed)) {
    const ScopeSet allowed(kAllowed.begin(), kAllowed.end());
    fuzz::require(
        !granted->empty() && scope_subset(*granted, kKnown) && scope_subset(*granted, allowed),
        "a granted scope is non-empty, known and allowed");
  }
}

}  // namespace
}  // namespace ock::server

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::server::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
