// Small text helpers the checks share to word their findings: ASCII lower-casing, trimming of
// optional white space, joining. Protocol-free and judging nothing; std only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ock::conformance::checks {

std::string lower(std::string_view s);      // ASCII only
std::string_view trim(std::string_view s);  // spaces and tabs at both ends
std::string join(const std::vector<std::string>& v, std::string_view sep);
std::string join(const std::vector<int>& v, std::string_view sep);
// A scope for messages: "\"read write\"", or "(empty)".
std::string shown(std::string_view scope);

}  // namespace ock::conformance::checks
