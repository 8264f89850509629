#include "conformance/report/text_escape.h"

#include "conformance/model/utf8.h"

namespace ock::conformance::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool in(unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; }

// Length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629 table), 0 if none.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  auto at = [&](std::size_t k) -> unsigned char {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  unsigned char b0 = at(0);
  if (b0 < 0x80) return 1;
  auto cont = [&](std::size_t k) { return in(at(k), 0x80, 0xBF); };
  if (in(b0, 0xC2, 0xDF)) return cont(1) ? 2 : 0;
  if (b0 == 0xE0) return in(at(1), 0xA0, 0xBF) && cont(2) ? 3 : 0;
  if (in(b0, 0xE1, 0xEC) || in(b0, 0xEE, 0xEF)) return cont(1) && cont(2) ? 3 : 0;
  if (b0 == 0xED) return in(at(1), 0x80, 0x9F) && cont(2) ? 3 : 0;  // no surrogates
  if (b0 == 0xF0) return in(at(1), 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 0;
  if (in(b0, 0xF1, 0xF3)) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 == 0xF4) return in(at(1), 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

}  // namespace

std::string sanitize_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = sequence_length(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    auto b0 = static_cast<unsigned char>(text[i]);
    if (n == 1 && b0 < 0x20 && b0 != '\t' && b0 != '\n' && b0 != '\r') {
      model::append_utf8(out, 0x2400 + b0);  // Control Pictures block: ␀ ␁ ... ␟
    } else if (n == 3 && b0 == 0xEF && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
               (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE) {
      out += kReplacement;  // U+FFFE, U+FFFF: noncharacters XML forbids
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string normalize_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

namespace {

// The sanitized text with each character that `entity` names replaced (nullptr keeps it).
template <class Entity>
std::string escape_with(std::string_view text, Entity entity) {
  std::string clean = sanitize_text(text);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  for (char c : clean) {
    const char* e = entity(c);
    if (e)
      out += e;
    else
      out += c;
  }
  return out;
}

const char* markup_entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    default:
      return nullptr;
  }
}

}  // namespace

std::string escape_xml(std::string_view text, bool attribute) {
  return escape_with(text, [attribute](char c) -> const char* {
    switch (c) {
      case '\'':
        return attribute ? "&apos;" : nullptr;
      case '\t':
        return attribute ? "&#9;" : nullptr;
      case '\n':
        return attribute ? "&#10;" : nullptr;
      case '\r':
        return "&#13;";  // a literal CR is normalised away even in text
      default:
        return markup_entity(c);
    }
  });
}

std::string escape_html(std::string_view text) {
  return escape_with(text, [](char c) { return c == '\'' ? "&#39;" : markup_entity(c); });
}

std::string escape_markdown(std::string_view text) {
  std::string clean = sanitize_text(text);
  std::string out;
  out.reserve(clean.size() + clean.size() / 4);
  for (std::size_t i = 0; i < clean.size(); ++i) {
    char c = clean[i];
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        if (i + 1 < clean.size() && clean[i + 1] == '\n') ++i;
        out += ' ';
        break;
      case '\n':
        out += ' ';
        break;
      // '@' too: a PR comment must not mention (notify) whoever the target named.
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '~':
      case '@':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace ock::conformance::report
