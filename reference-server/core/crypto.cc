#include "reference-server/core/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <memory>
#include <stdexcept>
#include <vector>

#include "reference-server/core/pbkdf2.h"

namespace ock::server {
namespace {

constexpr std::string_view kB64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string raw_random(std::size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw std::runtime_error("the OpenSSL random generator failed");
  }
  return out;
}

// The raw 32-byte SHA-256 digest. Every bearer check hashes its token: the algorithm is fetched
// once and each thread reuses one digest context (EVP_Digest sets up and frees both per call,
// which cost more than the hash of a 43-character token).
std::string sha256(std::string_view input) {
  static EVP_MD* const fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(),
                                                                            EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  const bool ok =
      fetched != nullptr && ctx != nullptr
          ? EVP_DigestInit_ex2(ctx.get(), fetched, nullptr) == 1 &&
                EVP_DigestUpdate(ctx.get(), input.data(), input.size()) == 1 &&
                EVP_DigestFinal_ex(ctx.get(), md.data(), &len) == 1
          : EVP_Digest(input.data(), input.size(), md.data(), &len, EVP_sha256(), nullptr) == 1;
  if (!ok) throw std::runtime_error("SHA-256 failed");
  return std::string(reinterpret_cast<const char*>(md.data()), len);
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
  }
  if (i + 1 == bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    unsigned v = 0;
    int pad = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      char c = text[i + k];
      if (c == '=') {
        // Padding only in the last group, only in its last two places, and only at the end.
        if (i + 4 != text.size() || k < 2) return std::nullopt;
        ++pad;
        v <<= 6;
        continue;
      }
      if (pad > 0) return std::nullopt;
      auto pos = kB64.find(c);
      if (pos == std::string_view::npos) return std::nullopt;
      v = (v << 6) | static_cast<unsigned>(pos);
    }
    out += static_cast<char>((v >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((v >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(v & 0xFF);
  }
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string b64 = base64_encode(bytes);
  std::string out;
  out.reserve(b64.size());
  for (char c : b64) {
    if (c == '+') out += '-';
    else if (c == '/') out += '_';
    else if (c != '=') out += c;
  }
  return out;
}

std::string random_token(std::size_t bytes) { return base64url_encode(raw_random(bytes)); }

std::string sha256_hex(std::string_view input) {
  const std::string md = sha256(input);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(md.size() * 2);
  for (char c : md) {
    auto u = static_cast<unsigned char>(c);
    out += kHex[u >> 4];
    out += kHex[u & 15];
  }
  return out;
}

std::string sha256_base64url(std::string_view input) { return base64url_encode(sha256(input)); }

std::string hash_password(std::string_view password, int iterations) {
  if (iterations < 1) throw std::invalid_argument("PBKDF2 iterations must be at least 1");
  std::string salt = raw_random(16);
  return "pbkdf2_sha256$" + std::to_string(iterations) + "$" + base64_encode(salt) + "$" +
         base64_encode(pbkdf2_sha256(password, salt, iterations));
}

bool verify_password(std::string_view password, std::string_view encoded) {
  constexpr std::string_view kPrefix = "pbkdf2_sha256$";
  if (encoded.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string_view rest = encoded.substr(kPrefix.size());
  auto d1 = rest.find('$');
  if (d1 == std::string_view::npos) return false;
  auto d2 = rest.find('$', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  int iterations = 0;
  auto it = rest.substr(0, d1);
  auto [p, ec] = std::from_chars(it.data(), it.data() + it.size(), iterations);
  if (ec != std::errc() || p != it.data() + it.size() || iterations < 1) return false;
  auto salt = base64_decode(rest.substr(d1 + 1, d2 - d1 - 1));
  auto want = base64_decode(rest.substr(d2 + 1));
  if (!salt || !want) return false;
  return constant_time_equal(pbkdf2_sha256(password, *salt, iterations), *want);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ock::server
