// PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) with a 32-byte result, the password hash's core: the same
// bytes as OpenSSL's PKCS5_PBKDF2_HMAC, at about a third of its cost. Each iteration is the two
// SHA-256 compressions HMAC needs, run from the key's precomputed inner and outer states on
// OpenSSL's SHA-256 block function; OpenSSL's own PBKDF2 sets up, copies and wipes an HMAC
// context on every iteration. The work an attacker must do per guess is unchanged (the same
// 2 × iterations compressions); the server simply wastes less of its own. If this build's
// OpenSSL disagrees with it on a known answer (checked once), OpenSSL's PBKDF2 is used instead.
// OpenSSL only; no HTTP, no storage.
#pragma once

#include <string>
#include <string_view>

namespace ock::server {

// The 32-byte derived key. Throws std::invalid_argument for iterations < 1.
std::string pbkdf2_sha256(std::string_view password, std::string_view salt, int iterations);

// The same through OpenSSL's PKCS5_PBKDF2_HMAC: the reference the fast path is held to.
std::string pbkdf2_sha256_openssl(std::string_view password, std::string_view salt,
                                  int iterations);

}  // namespace ock::server
