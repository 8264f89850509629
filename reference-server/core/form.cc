#include "reference-server/core/form.h"

#include "reference-server/core/ascii.h"

#include <unordered_set>

namespace ock::server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool is_clean_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t') return false;  // NUL and other C0 controls
    if (c == 0x7F) return false;
    std::size_t len = 0;
    unsigned cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return false;
    }
    i += len;
  }
  return true;
}

Result<std::string, std::string> form_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size()) {
        return unexpected(std::string("a '%' is not followed by two hex digits"));
      }
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return unexpected(std::string("a '%' is not followed by two hex digits"));
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += c;
    }
  }
  if (!is_clean_utf8(out)) {
    return unexpected(std::string("a value is not valid UTF-8 or contains control characters"));
  }
  return out;
}

std::string form_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (is_unreserved(c)) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string form_body(const FormParams& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += form_encode(name) + "=" + form_encode(value);
  }
  return out;
}

Result<FormParams, std::string> parse_form(std::string_view body) {
  FormParams params;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(start, end - start);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      auto name = form_decode(pair.substr(0, eq));
      if (!name) return unexpected(name.error());
      std::string value;
      if (eq != std::string_view::npos) {
        auto v = form_decode(pair.substr(eq + 1));
        if (!v) return unexpected(v.error());
        value = std::move(*v);
      }
      params.emplace_back(std::move(*name), std::move(value));
    }
    start = end + 1;
  }
  return params;
}

std::optional<std::string> form_get(const FormParams& params, std::string_view name) {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return std::nullopt;
}

int form_count(const FormParams& params, std::string_view name) {
  int n = 0;
  for (const auto& kv : params) n += kv.first == name ? 1 : 0;
  return n;
}

std::optional<std::string> first_repeated_name(const FormParams& params) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(params.size());
  for (const auto& kv : params) {
    if (!seen.insert(kv.first).second) return kv.first;
  }
  return std::nullopt;
}

}  // namespace ock::server
