#include "reference-server/core/pkce.h"

#include <algorithm>

#include "reference-server/core/ascii.h"
#include "reference-server/core/crypto.h"

namespace ock::server {

bool is_pkce_value(std::string_view text) {
  return text.size() >= 43 && text.size() <= 128 &&
         std::all_of(text.begin(), text.end(), is_unreserved);
}

bool pkce_verifier_matches(std::string_view verifier, std::string_view challenge) {
  if (!is_pkce_value(verifier)) return false;
  return constant_time_equal(sha256_base64url(verifier), challenge);
}

}  // namespace ock::server
