#include "client/pkce.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <string>

#include "client/form.h"

namespace ock::client {

namespace {

std::string random_bytes(int n) {
  std::string bytes(static_cast<std::size_t>(n), '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), n) != 1) {
    // Without randomness there is no safe verifier or state: refuse rather than go on.
    throw std::runtime_error("the system's random number generator failed (RAND_bytes)");
  }
  return bytes;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string text = base64_encode(bytes);
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return text;
}

std::string make_code_verifier() { return base64url_encode(random_bytes(32)); }

std::string make_state() { return base64url_encode(random_bytes(16)); }

std::string s256_challenge(std::string_view verifier) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(verifier.data(), verifier.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed (EVP_Digest)");
  }
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

}  // namespace ock::client
