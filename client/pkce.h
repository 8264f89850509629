// PKCE (RFC 7636) and the other random values of the code flow: a code verifier of 43
// unreserved characters (32 random bytes, base64url), its S256 challenge, and a `state`.
// Uses OpenSSL's RAND_bytes and SHA-256 only; knows nothing about HTTP.
#pragma once

#include <string>
#include <string_view>

namespace ock::client {

// A fresh code verifier: base64url (no padding) of 32 bytes from RAND_bytes, 43 characters
// (RFC 7636 §4.1 asks for 43 to 128 unreserved characters and 256 bits of entropy).
std::string make_code_verifier();

// BASE64URL(SHA256(ASCII(verifier))) without padding (RFC 7636 §4.2, method S256).
std::string s256_challenge(std::string_view verifier);

// A fresh `state`: base64url of 16 random bytes (RFC 6749 §10.12, not guessable).
std::string make_state();

// Base64url without padding (RFC 4648 §5, as RFC 7636 Appendix A uses it).
std::string base64url_encode(std::string_view bytes);

}  // namespace ock::client
