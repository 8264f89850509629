#include "client/html_forms.h"

#include <cctype>
#include <map>
#include <string>

namespace ock::client {

namespace {

char lower_char(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string lowered(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower_char(c);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// One tag "<name attr=value ...>" starting at html[at] == '<'. Sets `end` past the '>'.
struct Tag {
  std::string name;  // lower-cased; "/form" for a closing tag
  std::map<std::string, std::string> attributes;  // names lower-cased, values unescaped
};

Tag read_tag(std::string_view html, std::size_t at, std::size_t& end) {
  Tag tag;
  std::size_t i = at + 1;
  while (i < html.size() && !is_space(html[i]) && html[i] != '>' && html[i] != '/') {
    tag.name += lower_char(html[i++]);
  }
  if (tag.name.empty() && i < html.size() && html[i] == '/') {  // a closing tag
    ++i;
    tag.name = "/";
    while (i < html.size() && !is_space(html[i]) && html[i] != '>') tag.name += lower_char(html[i++]);
  }
  while (i < html.size() && html[i] != '>') {
    if (is_space(html[i]) || html[i] == '/') {
      ++i;
      continue;
    }
    std::string name;
    while (i < html.size() && !is_space(html[i]) && html[i] != '=' && html[i] != '>' &&
           html[i] != '/') {
      name += lower_char(html[i++]);
    }
    while (i < html.size() && is_space(html[i])) ++i;
    std::string value;
    if (i < html.size() && html[i] == '=') {
      ++i;
      while (i < html.size() && is_space(html[i])) ++i;
      if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
        char quote = html[i++];
        auto close = html.find(quote, i);
        if (close == std::string_view::npos) close = html.size();
        value = html_unescape(html.substr(i, close - i));
        i = close < html.size() ? close + 1 : close;
      } else {
        std::size_t start = i;
        while (i < html.size() && !is_space(html[i]) && html[i] != '>') ++i;
        value = html_unescape(html.substr(start, i - start));
      }
    }
    if (!name.empty()) tag.attributes.emplace(name, value);
  }
  end = i < html.size() ? i + 1 : i;
  return tag;
}

std::string attribute(const Tag& tag, const char* name) {
  auto it = tag.attributes.find(name);
  return it == tag.attributes.end() ? std::string() : it->second;
}

}  // namespace

bool PageForm::has(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return true;
  }
  return false;
}

std::string html_unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    auto semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    std::string_view entity = text.substr(i + 1, semi - i - 1);
    static const std::map<std::string_view, char> kNamed = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    if (auto it = kNamed.find(entity); it != kNamed.end()) {
      out += it->second;
    } else if (entity.size() >= 2 && entity[0] == '#') {
      // Numeric references to ASCII only (&#39; &#x27; ...), which is what form markup escapes;
      // anything beyond is kept as written rather than re-encoded.
      bool hex = entity[1] == 'x' || entity[1] == 'X';
      std::string digits(entity.substr(hex ? 2 : 1));
      bool ok = !digits.empty() && digits.size() <= 6;
      for (char c : digits) ok = ok && (hex ? std::isxdigit(static_cast<unsigned char>(c))
                                            : std::isdigit(static_cast<unsigned char>(c)));
      unsigned long cp = ok ? std::stoul(digits, nullptr, hex ? 16 : 10) : 0;
      if (cp == 0 || cp >= 0x80) {
        out += '&';
        continue;
      }
      out += static_cast<char>(cp);
    } else {
      out += '&';
      continue;
    }
    i = semi;
  }
  return out;
}

std::vector<PageForm> read_forms(std::string_view html) {
  std::vector<PageForm> forms;
  bool inside = false;
  for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i)) {
    if (html.substr(i, 4) == "<!--") {  // comments may hold markup that is not there
      auto close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? html.size() : close + 3;
      continue;
    }
    std::size_t end = i + 1;
    Tag tag = read_tag(html, i, end);
    i = end;
    if (tag.name == "form") {
      PageForm form;
      form.method = lowered(attribute(tag, "method"));
      if (form.method.empty()) form.method = "get";
      form.action = attribute(tag, "action");
      forms.push_back(std::move(form));
      inside = true;
    } else if (tag.name == "/form") {
      inside = false;
    } else if (inside && (tag.name == "input" || tag.name == "button")) {
      std::string name = attribute(tag, "name");
      if (name.empty()) continue;
      std::string type = lowered(attribute(tag, "type"));
      if (tag.name == "button" && type.empty()) type = "submit";
      forms.back().fields.push_back({name, attribute(tag, "value"), type});
    }
  }
  return forms;
}

}  // namespace ock::client
