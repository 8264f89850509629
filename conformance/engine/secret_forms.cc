#include "conformance/engine/secret_forms.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "conformance/engine/form.h"

namespace ock::conformance::engine {
namespace {

std::string percent_encode_all(std::string_view raw) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : raw) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

std::string json_escape(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '/') {
      out += "\\/";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string lower_hex(std::string text) {
  // %C3%A4 -> %c3%a4: only the two hex digits after each '%'.
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] != '%') continue;
    for (std::size_t k = i + 1; k <= i + 2; ++k) {
      if (text[k] >= 'A' && text[k] <= 'F') text[k] = static_cast<char>(text[k] - 'A' + 'a');
    }
  }
  return text;
}

// The next code point of valid UTF-8 at `i` (advancing it), or the byte itself.
unsigned long next_code_point(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (extra == 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
    ++i;
    return c;
  }
  unsigned long cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

// JSON with \uXXXX escapes, as servers write it: every non-ASCII character (ensure_ascii),
// and with `html_safe` also < > & ' (what HTML-safe JSON encoders escape); hex digits in the
// case given.
std::string json_unicode(std::string_view s, bool html_safe, bool upper) {
  const char* hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  auto unit = [&](unsigned long u) {
    std::string e = "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) e += hex[(u >> shift) & 0xF];
    return e;
  };
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned long cp = next_code_point(s, i);
    bool escape = cp >= 0x80 || (html_safe && (cp == '<' || cp == '>' || cp == '&' || cp == '\''));
    if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (!escape) {
      out += static_cast<char>(cp);
    } else if (cp < 0x10000) {
      out += unit(cp);
    } else {
      cp -= 0x10000;
      out += unit(0xD800 + (cp >> 10)) + unit(0xDC00 + (cp & 0x3FF));
    }
  }
  return out;
}

// HTML text: & < > " escaped by name, the apostrophe as &#x27; or &#39;.
std::string html_escape(std::string_view s, const char* apostrophe) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += apostrophe; break;
      default: out += c;
    }
  }
  return out;
}

std::string base64url(std::string text) {
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (auto& c : text) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return text;
}

constexpr std::size_t kMinCoreLength = 8;

// The base64 text that `bytes` become wherever they sit in a longer input: for each byte
// alignment, the whole 3-byte groups inside `bytes`, encoded (never padded), in both alphabets.
void add_base64_cores(std::string_view bytes, std::vector<std::string>& out) {
  for (std::size_t skip = 0; skip < 3 && skip < bytes.size(); ++skip) {
    const std::size_t whole = (bytes.size() - skip) / 3 * 3;
    std::string core = base64_encode(bytes.substr(skip, whole));
    if (core.size() < kMinCoreLength) continue;
    out.push_back(base64url(core));
    out.push_back(std::move(core));
  }
}

}  // namespace

std::vector<std::string> encoded_forms(std::string_view secret) {
  const std::string s(secret);
  const std::string b64 = base64_encode(s);
  std::vector<std::string> forms = {
      s,
      form_encode(s),
      lower_hex(form_encode(s)),
      percent_encode_all(s),
      lower_hex(percent_encode_all(s)),
      json_escape(s),
      json_unicode(s, false, false),
      json_unicode(s, false, true),
      json_unicode(s, true, false),
      json_unicode(s, true, true),
      html_escape(s, "&#x27;"),
      html_escape(s, "&#39;"),
      b64,
      b64.substr(0, b64.find('=')),
      base64url(b64),
  };
  // Inside base64 of a body or header that carried the secret as sent.
  const std::string form = form_encode(s);
  for (const std::string& sent : {s, form, lower_hex(form), percent_encode_all(s),
                                  lower_hex(percent_encode_all(s)), json_escape(s)}) {
    add_base64_cores(sent, forms);
  }
  // Inside base64 of a header that carried it base64-encoded already (a Basic credential is
  // base64 of "id:secret", raw or form-encoded): the cores of its cores.
  for (const std::string& sent : {s, form}) {
    std::vector<std::string> once;
    add_base64_cores(sent, once);
    for (const auto& core : once) {
      if (core.find_first_of("-_") == std::string::npos) add_base64_cores(core, forms);
    }
  }
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  return forms;
}

std::shared_ptr<const std::vector<std::string>> shared_encoded_forms(std::string_view secret) {
  constexpr std::size_t kMaxKept = 4096;
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const std::vector<std::string>>, std::less<>> kept;
  {
    std::lock_guard lock(mu);
    if (auto found = kept.find(secret); found != kept.end()) return found->second;
  }
  auto forms = std::make_shared<const std::vector<std::string>>(encoded_forms(secret));
  std::lock_guard lock(mu);
  if (kept.size() >= kMaxKept) kept.clear();
  kept.emplace(std::string(secret), forms);
  return forms;
}

}  // namespace ock::conformance::engine
