#include "tests/support/web_page.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace ock::test_support {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string_view s) {
  auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

// The attributes of one tag's inside (`name="value"` or `name='value'`; bare names get "").
std::map<std::string, std::string> attributes(const std::string& tag_inside) {
  static const std::regex kAttr(
      R"re(([A-Za-z_:][-A-Za-z0-9_:.]*)(\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?)re");
  std::map<std::string, std::string> out;
  for (std::sregex_iterator it(tag_inside.begin(), tag_inside.end(), kAttr), end; it != end; ++it) {
    const auto& m = *it;
    std::string value = m[4].matched ? m[4].str() : m[5].matched ? m[5].str() : m[6].str();
    out.emplace(lower(m[1].str()), html_unescape(value));
  }
  return out;
}

std::string attribute_or(const std::map<std::string, std::string>& attrs, const std::string& name,
                         const std::string& fallback) {
  auto it = attrs.find(name);
  return it == attrs.end() ? fallback : it->second;
}

}  // namespace

std::optional<std::string> HtmlForm::input(const std::string& name) const {
  for (const auto& i : inputs) {
    if (i.name == name) return i.value;
  }
  return std::nullopt;
}

bool HtmlForm::has_button(const std::string& name, const std::string& value) const {
  return std::find(buttons.begin(), buttons.end(), std::make_pair(name, value)) != buttons.end();
}

std::string html_unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto semi = text.find(';', i);
    if (text[i] != '&' || semi == std::string_view::npos || semi - i > 8) {
      out += text[i];
      continue;
    }
    std::string_view entity = text.substr(i + 1, semi - i - 1);
    if (entity == "amp")
      out += '&';
    else if (entity == "lt")
      out += '<';
    else if (entity == "gt")
      out += '>';
    else if (entity == "quot")
      out += '"';
    else if (entity.size() > 1 && entity[0] == '#' &&
             std::all_of(entity.begin() + 1, entity.end(), ::isdigit)) {
      out += static_cast<char>(std::stoi(std::string(entity.substr(1))));
    } else {
      out += text[i];
      continue;
    }
    i = semi;
  }
  return out;
}

std::vector<HtmlForm> html_forms(const std::string& html) {
  static const std::regex kForm(R"(<form\b([^>]*)>([\s\S]*?)</form>)", std::regex::icase);
  static const std::regex kInput(R"(<input\b([^>]*)>)", std::regex::icase);
  static const std::regex kButton(R"(<button\b([^>]*)>)", std::regex::icase);
  std::vector<HtmlForm> forms;
  for (std::sregex_iterator f(html.begin(), html.end(), kForm), end; f != end; ++f) {
    HtmlForm form;
    auto attrs = attributes((*f)[1].str());
    form.method = lower(attribute_or(attrs, "method", "get"));
    form.action = attribute_or(attrs, "action", "");
    const std::string inside = (*f)[2].str();
    for (std::sregex_iterator i(inside.begin(), inside.end(), kInput); i != end; ++i) {
      auto a = attributes((*i)[1].str());
      if (!a.count("name")) continue;
      form.inputs.push_back(
          {a["name"], lower(attribute_or(a, "type", "text")), attribute_or(a, "value", "")});
    }
    for (std::sregex_iterator b(inside.begin(), inside.end(), kButton); b != end; ++b) {
      auto a = attributes((*b)[1].str());
      if (a.count("name")) form.buttons.emplace_back(a["name"], attribute_or(a, "value", ""));
    }
    forms.push_back(std::move(form));
  }
  return forms;
}

void CookieJar::take(const std::vector<std::string>& set_cookie_values) {
  for (const auto& line : set_cookie_values) {
    std::string pair = line.substr(0, line.find(';'));
    auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    std::string name = trim(pair.substr(0, eq));
    values_[name] = trim(pair.substr(eq + 1));
    lines_[name] = line;
  }
}

std::string CookieJar::header() const {
  std::string out;
  for (const auto& [name, value] : values_) out += (out.empty() ? "" : "; ") + name + "=" + value;
  return out;
}

std::optional<std::string> CookieJar::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> CookieJar::set_cookie_line(const std::string& name) const {
  auto it = lines_.find(name);
  if (it == lines_.end()) return std::nullopt;
  return it->second;
}

void CookieJar::erase(const std::string& name) {
  values_.erase(name);
  lines_.erase(name);
}

std::vector<std::string> cookie_attributes(const std::string& set_cookie_value) {
  std::vector<std::string> out;
  std::size_t start = set_cookie_value.find(';');
  while (start != std::string::npos) {
    std::size_t end = set_cookie_value.find(';', start + 1);
    std::string attr = trim(
        std::string_view(set_cookie_value)
            .substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1));
    if (!attr.empty()) out.push_back(attr);
    start = end;
  }
  return out;
}

namespace {

std::string form_decode_lenient(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() &&
               std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> query_params(const std::string& url) {
  std::string_view q = url;
  if (auto hash = q.find('#'); hash != std::string_view::npos) q = q.substr(0, hash);
  if (auto mark = q.find('?'); mark != std::string_view::npos) q = q.substr(mark + 1);
  std::vector<std::pair<std::string, std::string>> out;
  while (!q.empty()) {
    auto amp = q.find('&');
    std::string_view pair = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    out.emplace_back(form_decode_lenient(pair.substr(0, eq)),
                     eq == std::string_view::npos ? "" : form_decode_lenient(pair.substr(eq + 1)));
  }
  return out;
}

std::string without_query(const std::string& url) { return url.substr(0, url.find_first_of("?#")); }

}  // namespace ock::test_support
