// Character classes and small grammars the checks judge values by: RFC 6749 Appendix A (VSCHAR,
// NQSCHAR, scope-token), RFC 6750 §2.1 (b64token) and RFC 9110 §5.6.2 / §11 (tchar, token68).
// Pure predicates: they record nothing. std only.
#pragma once

#include <string_view>

namespace ock::conformance::checks {

bool is_tchar(char c);                       // RFC 9110 §5.6.2
bool is_token68_char(char c);                // ALPHA DIGIT "-._~+/"
bool is_vschar_string(std::string_view s);   // 1*( %x20-7E ) per App. A (non-empty)
bool is_b64token(std::string_view s);        // 1*( ALPHA / DIGIT / "-._~+/" ) *"="
bool is_nqschar_string(std::string_view s);  // 1*( %x20-21 / %x23-5B / %x5D-7E )
bool is_scope_token(std::string_view s);     // 1*( %x21 / %x23-5B / %x5D-7E )
bool is_scope_char(char c);                  // %x21 / %x23-5B / %x5D-7E

}  // namespace ock::conformance::checks
