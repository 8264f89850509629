// Reads the forms of a login or consent page well enough for a scripted user: each <form>'s
// method and action, and its named <input> and <button> fields with their values. Server bytes
// are untrusted: one linear pass, bounded by the page size, never throws. Standard library only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ock::client {

struct PageField {
  std::string name;
  std::string value;
  std::string type;  // lower-cased; "submit" for a <button> without a type
};

struct PageForm {
  std::string method = "get";  // lower-cased
  std::string action;          // entities decoded; "" means the page's own URL
  std::vector<PageField> fields;

  bool has(std::string_view name) const;
};

// Every <form> of the page in document order, with the fields between it and its </form>.
std::vector<PageForm> read_forms(std::string_view html);

// &amp; &lt; &gt; &quot; &apos; and numeric references to ASCII (&#39; &#x27;) decoded; anything
// else is kept as written.
std::string html_unescape(std::string_view text);

}  // namespace ock::client
