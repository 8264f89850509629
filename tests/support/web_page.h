// What a scripted browser needs from a web page, for tests that drive a login form: the forms of
// an HTML page (method, action, inputs, submit buttons, entity-decoded) and a cookie jar fed by
// Set-Cookie values. Written for tests from the HTML and cookie syntax, not borrowed from any
// program's code; knows nothing of OAuth. std only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ock::test_support {

struct HtmlForm {
  std::string method;  // lower-case; "get" when the form has none
  std::string action;  // entity-decoded
  // Every <input> with a name: name, type (lower-case; "text" when absent) and value.
  struct Input {
    std::string name, type, value;
  };
  std::vector<Input> inputs;
  // Every <button> with a name: name and value.
  std::vector<std::pair<std::string, std::string>> buttons;

  // The value of the input `name`, if the form has one.
  std::optional<std::string> input(const std::string& name) const;
  bool has_button(const std::string& name, const std::string& value) const;
};

// `&amp;` `&lt;` `&gt;` `&quot;` `&#39;` (and other decimal references) decoded.
std::string html_unescape(std::string_view text);

// The forms of `html`, in page order.
std::vector<HtmlForm> html_forms(const std::string& html);

// A cookie jar for one site: keeps the last value of each name from Set-Cookie values, and the
// whole Set-Cookie line (attributes included) for assertions.
class CookieJar {
 public:
  // Takes each value of a response's Set-Cookie headers.
  void take(const std::vector<std::string>& set_cookie_values);
  // "a=1; b=2" (names in order), or "" when empty.
  std::string header() const;
  std::optional<std::string> value(const std::string& name) const;
  // The last Set-Cookie value seen for `name`, attributes included.
  std::optional<std::string> set_cookie_line(const std::string& name) const;
  void erase(const std::string& name);

 private:
  std::map<std::string, std::string> values_;
  std::map<std::string, std::string> lines_;
};

// The attributes of a Set-Cookie value after "name=value" ("Path=/x", "HttpOnly", ...), trimmed.
std::vector<std::string> cookie_attributes(const std::string& set_cookie_value);

// The query parameters of a URL (or of a bare query string when `url` has no '?'), in order,
// form-decoded ('+' and %XX); the fragment is left out. Malformed escapes stay as they are.
std::vector<std::pair<std::string, std::string>> query_params(const std::string& url);

// The URL without its query and fragment.
std::string without_query(const std::string& url);

}  // namespace ock::test_support
