// ASCII case folding for protocol tokens: header values, auth schemes, media types (HTTP
// compares them case-insensitively, RFC 9110 §5.1, §8.3.1, §11.1). Not for user text. std only.
#pragma once

#include <string>
#include <string_view>

namespace ock::server {

// `s` with A-Z turned into a-z; every other byte unchanged.
std::string ascii_lower(std::string_view s);

// True when `text` starts with `prefix`, ignoring ASCII case.
bool iequals_prefix(std::string_view text, std::string_view prefix);

}  // namespace ock::server
