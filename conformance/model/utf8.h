// Writing one Unicode code point as UTF-8 (RFC 3629): shared by the engine (HTML character
// references of a login form) and the reports (control pictures). A value that is no Unicode
// scalar value (0, a surrogate, past U+10FFFF) is written as U+FFFD. std only.
#pragma once

#include <string>

namespace ock::conformance::model {

void append_utf8(std::string& out, unsigned long code_point);

}  // namespace ock::conformance::model
