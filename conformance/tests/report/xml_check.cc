#include "conformance/tests/report/xml_check.h"

#include <cstdint>
#include <stdexcept>

namespace ock::conformance::report::testing {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  XmlElement document() {
    if (starts_with("\xEF\xBB\xBF")) pos_ += 3;
    if (starts_with("<?xml")) {
      auto end = s_.find("?>", pos_);
      if (end == std::string_view::npos) fail("unterminated XML declaration");
      pos_ = end + 2;
    }
    skip_misc();
    XmlElement root = element();
    skip_misc();
    if (pos_ != s_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(what + " at byte " + std::to_string(pos_));
  }
  bool starts_with(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }
  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[pos_]; }

  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
      ++pos_;
  }
  void skip_misc() {
    for (;;) {
      skip_space();
      if (starts_with("<!--")) {
        auto end = s_.find("-->", pos_);
        if (end == std::string_view::npos) fail("unterminated comment");
        pos_ = end + 3;
      } else {
        return;
      }
    }
  }

  static bool name_char(char c, bool first) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    return letter || (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
  }
  std::string name() {
    std::size_t start = pos_;
    if (!name_char(peek(), true)) fail("expected a name");
    while (!at_end() && name_char(peek(), false)) ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }

  // Decodes one UTF-8 character at pos_ and checks it against XML 1.0's Char production.
  std::uint32_t character() {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s_[pos_ + k]); };
    std::uint32_t cp = b(0);
    std::size_t n = 1;
    if (cp >= 0x80) {
      if ((cp & 0xE0) == 0xC0) {
        n = 2;
      } else if ((cp & 0xF0) == 0xE0) {
        n = 3;
      } else if ((cp & 0xF8) == 0xF0) {
        n = 4;
      } else {
        fail("invalid UTF-8 lead byte");
      }
      cp &= 0x7Fu >> n;  // the payload bits of an n-byte lead byte
      if (pos_ + n > s_.size()) fail("truncated UTF-8 sequence");
      for (std::size_t k = 1; k < n; ++k) {
        if ((b(k) & 0xC0) != 0x80) fail("invalid UTF-8 continuation byte");
        cp = (cp << 6) | (b(k) & 0x3F);
      }
      static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      if (cp < kMin[n]) fail("overlong UTF-8 sequence");
    }
    bool legal = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                 (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!legal) fail("character U+" + std::to_string(cp) + " is not allowed in XML 1.0");
    pos_ += n;
    return cp;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  void entity(std::string& out) {
    auto end = s_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 12) fail("unterminated entity");
    std::string_view e = s_.substr(pos_ + 1, end - pos_ - 1);
    if (e == "amp")
      out += '&';
    else if (e == "lt")
      out += '<';
    else if (e == "gt")
      out += '>';
    else if (e == "quot")
      out += '"';
    else if (e == "apos")
      out += '\'';
    else if (e.size() > 1 && e[0] == '#') {
      std::uint32_t cp = 0;
      bool hex = e[1] == 'x';
      std::string_view digits = e.substr(hex ? 2 : 1);
      if (digits.empty()) fail("empty character reference");
      for (char c : digits) {
        int d = c >= '0' && c <= '9'          ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
        if (d < 0) fail("bad character reference");
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
        if (cp > 0x10FFFF) fail("character reference out of range");
      }
      bool legal = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                   (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
      if (!legal) fail("character reference to a character XML forbids");
      append_utf8(out, cp);
    } else {
      fail("unknown entity &" + std::string(e) + ";");
    }
    pos_ = end + 1;
  }

  // Character data up to the next '<' (or the closing quote of an attribute).
  void chars(std::string& out, char stop) {
    while (!at_end() && peek() != stop) {
      if (stop == '<' && starts_with("]]>")) fail("']]>' in character data");
      if (peek() == '&') {
        entity(out);
      } else if (peek() == '<') {
        fail("'<' inside an attribute value");
      } else {
        std::size_t start = pos_;
        character();
        out.append(s_.substr(start, pos_ - start));
      }
    }
  }

  XmlElement element() {
    if (peek() != '<') fail("expected '<'");
    ++pos_;
    XmlElement e;
    e.name = name();
    for (;;) {
      bool had_space =
          !at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r');
      skip_space();
      if (starts_with("/>")) {
        pos_ += 2;
        return e;
      }
      if (peek() == '>') {
        ++pos_;
        break;
      }
      if (!had_space) fail("expected whitespace before an attribute");
      std::string key = name();
      skip_space();
      if (peek() != '=') fail("expected '=' after attribute " + key);
      ++pos_;
      skip_space();
      char quote = peek();
      if (quote != '"' && quote != '\'') fail("attribute " + key + " is not quoted");
      ++pos_;
      std::string value;
      chars(value, quote);
      if (at_end()) fail("unterminated attribute value");
      ++pos_;
      if (!e.attributes.emplace(key, value).second) fail("duplicate attribute " + key);
    }
    for (;;) {
      chars(e.text, '<');
      if (at_end()) fail("element <" + e.name + "> is not closed");
      if (starts_with("</")) {
        pos_ += 2;
        std::string closing = name();
        if (closing != e.name) fail("</" + closing + "> closes <" + e.name + ">");
        skip_space();
        if (peek() != '>') fail("expected '>'");
        ++pos_;
        return e;
      }
      if (starts_with("<!--")) {
        auto end = s_.find("-->", pos_);
        if (end == std::string_view::npos) fail("unterminated comment");
        pos_ = end + 3;
        continue;
      }
      e.children.push_back(element());
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<const XmlElement*> XmlElement::all(std::string_view child_name) const {
  std::vector<const XmlElement*> out;
  for (const auto& c : children) {
    if (c.name == child_name) out.push_back(&c);
  }
  return out;
}

XmlElement parse_xml(std::string_view document) { return Reader(document).document(); }

}  // namespace ock::conformance::report::testing
