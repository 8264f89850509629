// ASCII helpers for protocol tokens: case folding for header values, auth schemes, media types
// (HTTP compares them case-insensitively, RFC 9110 §5.1, §8.3.1, §11.1) and the URI unreserved
// set. Not for user text. std only.
#pragma once

#include <string>
#include <string_view>

namespace ock::server {

// `s` with A-Z turned into a-z; every other byte unchanged.
std::string ascii_lower(std::string_view s);

// RFC 3986 §2.3 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~" (locale-independent).
bool is_unreserved(char c);

// True when `text` starts with `prefix`, ignoring ASCII case.
bool iequals_prefix(std::string_view text, std::string_view prefix);

// `s` fit for one log line: printable ASCII kept, a backslash and every other byte (control
// bytes such as ESC, CR, LF and NUL, DEL, and bytes of 0x80 and up) written as \xNN, so that a
// client cannot forge log lines or send escape sequences to the terminal that reads them.
std::string log_safe(std::string_view s);

}  // namespace ock::server
