// Reads a WWW-Authenticate header value into its scheme and parameters (RFC 9110 §11.6.1), so
// the client can tell "no token" from error="invalid_token" or error="insufficient_scope"
// (RFC 6750 §3). Pure; depends on the standard library only.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace ock::client {

struct Challenge {
  std::string scheme;                         // as sent, e.g. "Bearer" or "Basic"
  std::map<std::string, std::string> params;  // names lower-cased, quoted values unquoted
};

// Parses the first challenge of the header. An empty or unparsable value gives an empty scheme.
Challenge parse_challenge(std::string_view header_value);

}  // namespace ock::client
