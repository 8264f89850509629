// PKCE (RFC 7636): a code verifier (43 characters of the unreserved set, RFC 7636 §4.1) and its
// S256 challenge (BASE64URL(SHA256(verifier)), §4.2). Uses OpenSSL's SHA-256; nothing else.
#pragma once

#include <string>
#include <string_view>

namespace ock::conformance::engine {

// A fresh verifier of `length` characters from [A-Za-z0-9-._~] (43..128).
std::string make_code_verifier(std::size_t length = 43);
// BASE64URL-ENCODE(SHA256(ASCII(verifier))), no padding.
std::string s256_challenge(std::string_view verifier);

}  // namespace ock::conformance::engine
