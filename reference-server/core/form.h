// application/x-www-form-urlencoded (RFC 6749 App. B): parsing request bodies, query strings and
// the form-encoded client id and secret inside HTTP Basic credentials (RFC 6749 §2.3.1), and
// encoding the parameters the server adds to a redirection URI (RFC 6749 §4.1.2). Strict: broken
// percent-encoding, NUL bytes and invalid UTF-8 are errors. std only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reference-server/core/result.h"

namespace ock::server {

using FormParams = std::vector<std::pair<std::string, std::string>>;

// Decodes one form-urlencoded component ('+' is a space). The error says what is wrong.
Result<std::string, std::string> form_decode(std::string_view text);

// Encodes one component: every byte but the unreserved ALPHA / DIGIT / "-" / "." / "_" / "~"
// becomes %XX (a space too, as %20, which form decoders and plain percent-decoders both read
// back as a space).
std::string form_encode(std::string_view text);

// "a=1&b=2" from pairs, each side encoded with form_encode.
std::string form_body(const FormParams& params);

// Parses a whole form body or query string into name/value pairs, in order, duplicates kept.
Result<FormParams, std::string> parse_form(std::string_view body);

// True when `text` is well-formed UTF-8 without NUL or other C0 control characters.
bool is_clean_utf8(std::string_view text);

// The value of `name`, if it appears (exactly once is the caller's business).
std::optional<std::string> form_get(const FormParams& params, std::string_view name);

// How many times `name` appears.
int form_count(const FormParams& params, std::string_view name);

// The first name that appears more than once, if any (in linear time: a body or query may hold
// many thousands of parameters).
std::optional<std::string> first_repeated_name(const FormParams& params);

}  // namespace ock::server
