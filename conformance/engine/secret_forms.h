// Every form in which a server may echo a secret it was sent: as is; form- and percent-encoded
// with upper- and lower-case hex; JSON-escaped, with \uXXXX for non-ASCII (and for < > & '),
// hex in either case; HTML-escaped; base64 (padded or not) and base64url. The redactor replaces
// each of them in the reports; the leak checks look for each of them in the target's replies.
// std only (and engine/form.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ock::conformance::engine {

// Distinct values, sorted; the first-listed encodings above are always among them.
std::vector<std::string> encoded_forms(std::string_view secret);

}  // namespace ock::conformance::engine
