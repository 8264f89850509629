// Unit tests of core/pbkdf2.h: the fast PBKDF2-HMAC-SHA256 gives OpenSSL's bytes, for the RFC's
// known answers and for passwords, salts and iteration counts around every boundary it has.
#include "reference-server/core/pbkdf2.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <string>

namespace ock::server {
namespace {

std::string hex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

// RFC 7914 §11 (PBKDF2-HMAC-SHA-256 test vectors): the first 32 of their 64 bytes are the
// first block, which is all this function derives.
TEST(Pbkdf2Test, Rfc7914KnownAnswers) {
  EXPECT_EQ(hex(pbkdf2_sha256("passwd", "salt", 1)),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
  EXPECT_EQ(hex(pbkdf2_sha256("Password", "NaCl", 80000)),
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
}

TEST(Pbkdf2Test, SameBytesAsOpenSslAcrossLengthsAndIterations) {
  std::mt19937 rng(20261207);
  auto bytes = [&](std::size_t n) {
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xff);
    return s;
  };
  // Passwords around HMAC's 64-byte block (hashed first when longer), salts around SHA-256's
  // padding boundaries (55/56/64 bytes with the 4-byte block index and the 64-byte key block).
  for (std::size_t pw : {0u, 1u, 16u, 63u, 64u, 65u, 100u, 200u}) {
    for (std::size_t salt : {0u, 1u, 16u, 51u, 52u, 55u, 56u, 60u, 64u, 120u}) {
      for (int iterations : {1, 2, 3, 17}) {
        const std::string p = bytes(pw);
        const std::string s = bytes(salt);
        ASSERT_EQ(hex(pbkdf2_sha256(p, s, iterations)),
                  hex(pbkdf2_sha256_openssl(p, s, iterations)))
            << "password " << pw << " bytes, salt " << salt << " bytes, " << iterations
            << " iterations";
      }
    }
  }
  EXPECT_EQ(hex(pbkdf2_sha256("alice-password-1", "0123456789abcdef", 1000)),
            hex(pbkdf2_sha256_openssl("alice-password-1", "0123456789abcdef", 1000)));
}

TEST(Pbkdf2Test, FewerThanOneIterationIsRefused) {
  EXPECT_THROW(pbkdf2_sha256("p", "s", 0), std::invalid_argument);
  EXPECT_THROW(pbkdf2_sha256("p", "s", -5), std::invalid_argument);
  EXPECT_THROW(pbkdf2_sha256_openssl("p", "s", 0), std::invalid_argument);
}

}  // namespace
}  // namespace ock::server
