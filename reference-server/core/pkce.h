// Proof Key for Code Exchange (RFC 7636): the shape of a code_challenge and a code_verifier
// (§4.1, §4.2), and the S256 check of a verifier against the challenge (§4.6). The only method
// is S256: "plain" is never accepted (RFC 9700 §2.1.1). std + core crypto only.
#pragma once

#include <string_view>

namespace ock::server {

// The one transformation the server accepts (code_challenge_method).
inline constexpr std::string_view kPkceMethodS256 = "S256";

// True for 43 to 128 characters of ALPHA / DIGIT / "-" / "." / "_" / "~".
bool is_pkce_value(std::string_view text);

// True when BASE64URL(SHA256(ASCII(verifier))) equals `challenge` (compared in constant time)
// and the verifier has the shape is_pkce_value asks for.
bool pkce_verifier_matches(std::string_view verifier, std::string_view challenge);

}  // namespace ock::server
