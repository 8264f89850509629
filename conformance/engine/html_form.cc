#include "conformance/engine/html_form.h"

#include <cctype>
#include <cstdlib>
#include <utility>

#include "conformance/model/utf8.h"

namespace ock::conformance::engine {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// One tag: its lower-cased name, whether it closes ("</form>"), and its attributes.
struct Tag {
  std::string name;
  bool closing = false;
  std::vector<std::pair<std::string, std::string>> attributes;

  std::string attribute(std::string_view key) const {
    for (const auto& [k, v] : attributes) {
      if (k == key) return v;
    }
    return "";
  }
};

// Reads the attributes of a tag from `s` (the text between the name and '>').
std::vector<std::pair<std::string, std::string>> read_attributes(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (is_space(s[i]) || s[i] == '/')) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != '=' && s[i] != '/') ++i;
    if (i == start) break;
    std::string key = lower(s.substr(start, i - start));
    while (i < s.size() && is_space(s[i])) ++i;
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && is_space(s[i])) ++i;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        char q = s[i++];
        std::size_t end = s.find(q, i);
        if (end == std::string_view::npos) end = s.size();
        value = decode_entities(s.substr(i, end - i));
        i = end + 1;
      } else {
        std::size_t vstart = i;
        while (i < s.size() && !is_space(s[i])) ++i;
        value = decode_entities(s.substr(vstart, i - vstart));
      }
    }
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

// The next tag at or after `pos`; pos moves past it. False at the end of the page.
bool next_tag(std::string_view html, std::size_t& pos, Tag& tag) {
  while (true) {
    std::size_t open = html.find('<', pos);
    if (open == std::string_view::npos || open + 1 >= html.size()) return false;
    if (html.compare(open, 4, "<!--") == 0) {
      std::size_t end = html.find("-->", open + 4);
      pos = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    std::size_t close = html.find('>', open);
    if (close == std::string_view::npos) return false;
    std::string_view inner = html.substr(open + 1, close - open - 1);
    pos = close + 1;
    tag = Tag{};
    tag.closing = !inner.empty() && inner.front() == '/';
    if (tag.closing) inner.remove_prefix(1);
    std::size_t n = 0;
    while (n < inner.size() && std::isalnum(static_cast<unsigned char>(inner[n]))) ++n;
    if (n == 0) continue;
    tag.name = lower(inner.substr(0, n));
    tag.attributes = read_attributes(inner.substr(n));
    return true;
  }
}

HtmlField field_of(const Tag& tag) {
  return HtmlField{tag.name, lower(tag.attribute("type")), tag.attribute("name"),
                   tag.attribute("value")};
}

// The text up to the closing tag of `name` (for textarea), pos moved past it.
std::string text_until_close(std::string_view html, std::size_t& pos, std::string_view name) {
  std::size_t end = html.find("</", pos);
  while (end != std::string_view::npos && lower(html.substr(end + 2, name.size())) != name) {
    end = html.find("</", end + 2);
  }
  if (end == std::string_view::npos) end = html.size();
  std::string text = decode_entities(html.substr(pos, end - pos));
  pos = end;
  return text;
}

}  // namespace

const HtmlField* HtmlForm::field(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t semi = text[i] == '&' ? text.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out += text[i];
      continue;
    }
    std::string_view name = text.substr(i + 1, semi - i - 1);
    if (name == "amp")
      out += '&';
    else if (name == "lt")
      out += '<';
    else if (name == "gt")
      out += '>';
    else if (name == "quot")
      out += '"';
    else if (name == "apos")
      out += '\'';
    else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (digits.empty() || *end != '\0') {
        out += text.substr(i, semi - i + 1);
      } else {
        model::append_utf8(out, cp);
      }
    } else {
      out += text.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

std::vector<HtmlForm> parse_forms(std::string_view html) {
  std::vector<HtmlForm> forms;
  bool inside = false;
  std::size_t pos = 0;
  Tag tag;
  while (next_tag(html, pos, tag)) {
    if (tag.name == "form") {
      inside = !tag.closing;
      if (inside) {
        HtmlForm f;
        f.method = lower(tag.attribute("method"));
        if (f.method.empty()) f.method = "get";
        f.action = tag.attribute("action");
        forms.push_back(std::move(f));
      }
      continue;
    }
    if (!inside || tag.closing) continue;
    if (tag.name == "input" || tag.name == "button" || tag.name == "select") {
      forms.back().fields.push_back(field_of(tag));
    } else if (tag.name == "textarea") {
      HtmlField f = field_of(tag);
      f.value = text_until_close(html, pos, "textarea");
      forms.back().fields.push_back(std::move(f));
    }
  }
  return forms;
}

}  // namespace ock::conformance::engine
