// The server's cryptography on OpenSSL: random tokens from the CSPRNG, SHA-256 of secrets and
// tokens, PBKDF2-HMAC-SHA256 password hashes, constant-time comparison, and the base64 forms
// the protocol needs. Knows nothing of HTTP or storage.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ock::server {

// `bytes` random bytes from OpenSSL's CSPRNG, base64url without padding (32 bytes = 256 bits
// give 43 characters). Throws std::runtime_error if the CSPRNG fails (never silently weak).
std::string random_token(std::size_t bytes = 32);

// Lower-case hex SHA-256 of the input: how client secrets and tokens are stored.
std::string sha256_hex(std::string_view input);

// "pbkdf2_sha256$<iterations>$<salt b64>$<hash b64>" with a fresh 16-byte salt.
std::string hash_password(std::string_view password, int iterations);

// True when `password` matches `encoded` (compared in constant time). False for a malformed
// or empty encoding.
bool verify_password(std::string_view password, std::string_view encoded);

// Constant-time equality (the time depends only on the lengths).
bool constant_time_equal(std::string_view a, std::string_view b);

// BASE64URL(SHA-256(input)) without padding (43 characters): the S256 code challenge of a PKCE
// verifier (RFC 7636 §4.2), and the form of the CSRF tokens derived from cookie values.
std::string sha256_base64url(std::string_view input);

std::string base64_encode(std::string_view bytes);
// The base64url alphabet without padding (RFC 4648 §5, RFC 7636 Appendix A).
std::string base64url_encode(std::string_view bytes);
// Strict standard base64 (with padding) decoding; nullopt on any invalid character or length.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace ock::server
