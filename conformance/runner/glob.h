// Shell-style globs for case ids (--only/--skip, baseline ids): '*' matches any run of
// characters (dots included), '?' one character, everything else itself. Case-sensitive.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ock::conformance::runner {

bool glob_match(std::string_view pattern, std::string_view text);
bool glob_match_any(const std::vector<std::string>& patterns, std::string_view text);

}  // namespace ock::conformance::runner
