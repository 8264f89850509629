#include "client/www_authenticate.h"

#include <cctype>

namespace ock::client {

namespace {

bool is_token_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

void skip_spaces(std::string_view text, std::size_t& i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
}

std::string read_token(std::string_view text, std::size_t& i) {
  const std::size_t start = i;
  while (i < text.size() && is_token_char(text[i])) ++i;
  return std::string(text.substr(start, i - start));
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Challenge parse_challenge(std::string_view text) {
  Challenge out;
  std::size_t i = 0;
  skip_spaces(text, i);
  out.scheme = read_token(text, i);
  if (out.scheme.empty()) return out;
  while (i < text.size()) {
    skip_spaces(text, i);
    while (i < text.size() && (text[i] == ',' || text[i] == ' ')) ++i;
    const std::size_t name_start = i;
    std::string name = read_token(text, i);
    skip_spaces(text, i);
    if (name.empty() || i >= text.size() || text[i] != '=') {
      // A token68 credential or the start of a second challenge: stop at the first challenge.
      if (name.empty() || i == name_start) break;
      if (i < text.size() && text[i] != ',') break;
      continue;
    }
    ++i;  // '='
    skip_spaces(text, i);
    std::string value;
    if (i < text.size() && text[i] == '"') {
      ++i;
      while (i < text.size() && text[i] != '"') {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        value += text[i++];
      }
      if (i < text.size()) ++i;  // closing quote
    } else {
      value = read_token(text, i);
    }
    out.params[lower(name)] = value;
  }
  return out;
}

}  // namespace ock::client
