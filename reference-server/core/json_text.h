// JSON text written directly, for replies on hot paths where building an nlohmann::json value
// first costs more than the rest of the request: a string literal exactly as
// nlohmann::json::dump() writes it (same escapes, UTF-8 passed through), or a refusal where
// dump() would throw (the text is not UTF-8). std only.
#pragma once

#include <string>
#include <string_view>

namespace ock::server {

// Appends `text` as a JSON string literal ("..." with \" \\ \b \f \n \r \t and \u00xx for the
// other control characters), byte for byte what nlohmann::json(text).dump() gives. False (and
// `out` left with a partial literal) when `text` is not well-formed UTF-8, where dump() throws.
bool append_json_string(std::string& out, std::string_view text);

}  // namespace ock::server
