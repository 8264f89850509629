// Form encoding for OAuth requests: application/x-www-form-urlencoded bodies (RFC 6749 App. B)
// and the HTTP Basic credentials a confidential client sends (RFC 6749 §2.3.1, RFC 7617).
// Pure string functions; depends on nothing but the standard library.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ock::client {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Encodes one name or value: unreserved characters stay, a space becomes '+', every other byte
// becomes %XX (upper-case hex). "a b:c" gives "a+b%3Ac".
std::string form_encode(std::string_view text);

// Joins fields as name=value&name=value, each side form-encoded.
std::string encode_form(const FormFields& fields);

// The inverse: '+' becomes a space, %XX its byte; a '%' not followed by two hex digits stays.
std::string form_decode(std::string_view text);

// The fields of a query string or form body ("a=1&b=2"), decoded, in order; "a" alone gives
// ("a", "").
FormFields decode_form(std::string_view text);

// Standard base64 with '=' padding (RFC 4648 §4).
std::string base64_encode(std::string_view bytes);

// The value of the Authorization header for client_secret_basic: "Basic " +
// base64(form_encode(id) ":" form_encode(secret)). RFC 6749 §2.3.1 asks for the form-encoding
// first; many clients forget it and break on secrets holding ':' or '%'.
std::string basic_authorization(std::string_view client_id, std::string_view client_secret);

}  // namespace ock::client
