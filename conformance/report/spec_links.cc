#include "conformance/report/spec_links.h"

#include <cctype>
#include <optional>
#include <string_view>

namespace ock::conformance::report {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The RFC number of "RFC6749", "RFC 6749" or "rfc6749"; nullopt for anything else.
std::optional<std::string> rfc_number(std::string_view doc) {
  if (doc.size() < 4) return std::nullopt;
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  if (lower(doc[0]) != 'r' || lower(doc[1]) != 'f' || lower(doc[2]) != 'c') return std::nullopt;
  doc.remove_prefix(3);
  if (!doc.empty() && doc.front() == ' ') doc.remove_prefix(1);
  if (doc.empty()) return std::nullopt;
  for (char c : doc) {
    if (!is_digit(c)) return std::nullopt;
  }
  std::string number(doc);
  // rfc-editor.org has no leading zeros in its paths.
  while (number.size() > 1 && number.front() == '0') number.erase(0, 1);
  return number;
}

// Only sections made of letters, digits, dots and dashes become fragments.
bool is_plain_section(std::string_view section) {
  for (char c : section) {
    if (!is_digit(c) && !is_alpha(c) && c != '.' && c != '-') return false;
  }
  return true;
}

// RFC appendices are lettered ("A", "A.1"); the editor's anchors call them appendix-*.
bool is_appendix(std::string_view section) {
  return !section.empty() && is_alpha(section.front()) &&
         (section.size() == 1 || section[1] == '.');
}

}  // namespace

std::string rfc_url(const SpecRef& ref) {
  auto number = rfc_number(ref.doc);
  if (!number) return "";
  std::string url = "https://www.rfc-editor.org/rfc/rfc" + *number;
  if (ref.section.empty() || !is_plain_section(ref.section)) return url;
  url += is_appendix(ref.section) ? "#appendix-" : "#section-";
  url += ref.section;
  return url;
}

std::string ref_label(const SpecRef& ref) {
  auto number = rfc_number(ref.doc);
  std::string label = number ? "RFC " + *number : ref.doc;
  if (ref.section.empty()) return label;
  return label + (is_appendix(ref.section) ? " Appendix " : " \u00a7") + ref.section;
}

std::string ref_key(const SpecRef& ref) {
  auto number = rfc_number(ref.doc);
  std::string key = number ? "RFC" + *number : ref.doc;
  if (!ref.section.empty()) key += "-" + ref.section;
  return key;
}

}  // namespace ock::conformance::report
