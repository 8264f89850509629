// Every form in which a server may echo a secret it was sent: as is; form- and percent-encoded
// with upper- and lower-case hex; JSON-escaped, with \uXXXX for non-ASCII (and for < > & '),
// hex in either case; HTML-escaped; base64 (padded or not) and base64url; and what base64 or
// base64url of a whole request body or header that carried it holds (see below). The redactor
// replaces each of them in the reports; the leak checks look for each of them in the target's
// replies. std only (and engine/form.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ock::conformance::engine {

// Distinct values, sorted; the first-listed encodings above are always among them.
//
// Base64 of a longer text (a form body "…&password=<form-encoded secret>&…", or an
// "Authorization: Basic …" line) does not hold base64 of the secret alone: each 4-character
// group encodes 3 bytes of the text, so only the groups made entirely of the secret's bytes
// depend on the secret alone, and which ones they are depends on where the secret starts
// modulo 3. For the secret as sent (raw, form-, percent- and JSON-encoded) the list holds those
// "cores" for each of the three alignments, in both alphabets, and the cores of the base64 of
// the raw and form-encoded secret (a Basic credential inside a base64-encoded header). Cores
// under 8 characters are left out: too likely to occur by chance.
std::vector<std::string> encoded_forms(std::string_view secret);

// The same list, computed once per value and kept (the runner asks for the same secrets after
// every case). Thread-safe; at most a few thousand values are kept.
std::shared_ptr<const std::vector<std::string>> shared_encoded_forms(std::string_view secret);

}  // namespace ock::conformance::engine
