// SHA256_Init/Update/Final/Transform are deprecated in OpenSSL 3 (in favour of EVP, which has no
// call for one compression from a saved state) but still part of its API; pbkdf2_sha256 checks
// them against PKCS5_PBKDF2_HMAC before trusting them.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "reference-server/core/pbkdf2.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace ock::server {
namespace {

constexpr std::size_t kDigest = SHA256_DIGEST_LENGTH;  // 32
constexpr std::size_t kBlock = SHA256_CBLOCK;          // 64

// The state words of `ctx` as the big-endian digest bytes (what SHA256_Final would write once
// the padding has been compressed).
void digest_of(const SHA256_CTX& ctx, unsigned char* out) {
  for (int i = 0; i < 8; ++i) {
    const auto v = static_cast<std::uint32_t>(ctx.h[i]);
    out[4 * i] = static_cast<unsigned char>(v >> 24);
    out[4 * i + 1] = static_cast<unsigned char>(v >> 16);
    out[4 * i + 2] = static_cast<unsigned char>(v >> 8);
    out[4 * i + 3] = static_cast<unsigned char>(v);
  }
}

std::string fast(std::string_view password, std::string_view salt, int iterations) {
  // HMAC's key block: the password, or its digest when longer than a block (RFC 2104 §2).
  std::array<unsigned char, kBlock> key{};
  if (password.size() > kBlock) {
    SHA256(reinterpret_cast<const unsigned char*>(password.data()), password.size(), key.data());
  } else {
    std::memcpy(key.data(), password.data(), password.size());
  }
  std::array<unsigned char, kBlock> pad{};
  SHA256_CTX inner;
  SHA256_CTX outer;
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = key[i] ^ 0x36;
  SHA256_Init(&inner);
  SHA256_Update(&inner, pad.data(), pad.size());
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = key[i] ^ 0x5c;
  SHA256_Init(&outer);
  SHA256_Update(&outer, pad.data(), pad.size());

  // U1 = HMAC(password, salt || INT(1)).
  SHA256_CTX ctx = inner;
  static constexpr unsigned char kBlockIndex[4] = {0, 0, 0, 1};
  SHA256_Update(&ctx, salt.data(), salt.size());
  SHA256_Update(&ctx, kBlockIndex, sizeof kBlockIndex);
  // `block` is one padded SHA-256 block holding a 32-byte message that follows a 64-byte key
  // block: the message, 0x80, zeros, and the length 96 bytes = 768 bits (0x0300) at the end.
  std::array<unsigned char, kBlock> block{};
  block[kDigest] = 0x80;
  block[kBlock - 2] = 0x03;
  SHA256_Final(block.data(), &ctx);
  ctx = outer;
  SHA256_Update(&ctx, block.data(), kDigest);
  SHA256_Final(block.data(), &ctx);
  // Final() wrote only the first 32 bytes: the padding after them is intact.
  std::array<unsigned char, kDigest> t{};
  std::memcpy(t.data(), block.data(), kDigest);

  // U2 .. Uc: HMAC(password, U(i-1)), two compressions each.
  for (int i = 1; i < iterations; ++i) {
    ctx = inner;
    SHA256_Transform(&ctx, block.data());
    digest_of(ctx, block.data());
    ctx = outer;
    SHA256_Transform(&ctx, block.data());
    digest_of(ctx, block.data());
    for (std::size_t j = 0; j < kDigest; ++j) t[j] ^= block[j];
  }
  std::string out(reinterpret_cast<const char*>(t.data()), t.size());
  OPENSSL_cleanse(key.data(), key.size());
  OPENSSL_cleanse(pad.data(), pad.size());
  OPENSSL_cleanse(block.data(), block.size());
  OPENSSL_cleanse(t.data(), t.size());
  OPENSSL_cleanse(&inner, sizeof inner);
  OPENSSL_cleanse(&outer, sizeof outer);
  OPENSSL_cleanse(&ctx, sizeof ctx);
  return out;
}

// Whether the fast path gives OpenSSL's bytes in this process (short and long passwords).
bool fast_agrees() {
  for (std::string_view password : {std::string_view("password"),
                                    std::string_view("a password longer than one SHA-256 block, "
                                                     "which HMAC hashes first")}) {
    if (fast(password, "salt", 3) != pbkdf2_sha256_openssl(password, "salt", 3)) return false;
  }
  return true;
}

}  // namespace

std::string pbkdf2_sha256_openssl(std::string_view password, std::string_view salt,
                                  int iterations) {
  if (iterations < 1) throw std::invalid_argument("PBKDF2 iterations must be at least 1");
  std::array<unsigned char, kDigest> out{};
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(out.size()), out.data()) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return std::string(reinterpret_cast<const char*>(out.data()), out.size());
}

std::string pbkdf2_sha256(std::string_view password, std::string_view salt, int iterations) {
  if (iterations < 1) throw std::invalid_argument("PBKDF2 iterations must be at least 1");
  static const bool use_fast = fast_agrees();
  return use_fast ? fast(password, salt, iterations)
                  : pbkdf2_sha256_openssl(password, salt, iterations);
}

}  // namespace ock::server
