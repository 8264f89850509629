#include "conformance/checks/text.h"

#include <cctype>

namespace ock::conformance::checks {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string join(const std::vector<int>& v, std::string_view sep) {
  std::string out;
  for (auto i : v) {
    if (!out.empty()) out += sep;
    out += std::to_string(i);
  }
  return out;
}

std::string shown(std::string_view scope) {
  return scope.empty() ? std::string("(empty)") : "\"" + std::string(scope) + "\"";
}

}  // namespace ock::conformance::checks
