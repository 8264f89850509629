#include "conformance/engine/pkce.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "conformance/engine/form.h"

namespace ock::conformance::engine {

std::string make_code_verifier(std::size_t length) {
  static constexpr std::string_view kUnreserved =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  // Bytes at or above the largest multiple of the alphabet's size are drawn again (no bias).
  constexpr unsigned kLimit = 256 - 256 % kUnreserved.size();
  std::string out;
  out.reserve(length);
  while (out.size() < length) {
    unsigned char b = 0;
    if (RAND_bytes(&b, 1) != 1) throw std::runtime_error("RAND_bytes failed");
    if (b < kLimit) out += kUnreserved[b % kUnreserved.size()];
  }
  return out;
}

std::string s256_challenge(std::string_view verifier) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(verifier.data(), verifier.size(), digest, &n, EVP_sha256(), nullptr);
  std::string b64 = base64_encode(std::string_view(reinterpret_cast<const char*>(digest), n));
  std::string out;
  for (char c : b64) {
    if (c == '+')
      out += '-';
    else if (c == '/')
      out += '_';
    else if (c != '=')
      out += c;
  }
  return out;
}

}  // namespace ock::conformance::engine
