#include "conformance/checks/grammar.h"

#include <algorithm>
#include <cctype>

namespace ock::conformance::checks {
namespace {

bool in_range_string(std::string_view s, bool (*ok)(unsigned char)) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return ok(static_cast<unsigned char>(c)); });
}

bool nqschar(unsigned char u) {
  return u == 0x20 || u == 0x21 || (u >= 0x23 && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}
bool scope_char(unsigned char u) {
  return u == 0x21 || (u >= 0x23 && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}
bool vschar(unsigned char u) { return u >= 0x20 && u <= 0x7E; }

}  // namespace

bool is_tchar(char c) {
  auto u = static_cast<unsigned char>(c);
  if (std::isalnum(u)) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token68_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

bool is_vschar_string(std::string_view s) { return in_range_string(s, vschar); }
bool is_nqschar_string(std::string_view s) { return in_range_string(s, nqschar); }
bool is_scope_token(std::string_view s) { return in_range_string(s, scope_char); }
bool is_scope_char(char c) { return scope_char(static_cast<unsigned char>(c)); }

bool is_b64token(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_token68_char(s[i])) ++i;
  if (i == 0) return false;
  while (i < s.size() && s[i] == '=') ++i;
  return i == s.size();
}

}  // namespace ock::conformance::checks
