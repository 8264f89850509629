// The HTML forms of a login or consent page, read just well enough for a scripted user: each
// <form>'s method and action and the named <input>, <button>, <select> and <textarea> fields
// with their values (entities decoded). Target bytes are hostile: the scan is linear, bounded by
// the page size, and never throws; anything it cannot read is left out. No I/O, std only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ock::conformance::engine {

struct HtmlField {
  std::string tag;    // "input", "button", "select", "textarea"
  std::string type;   // lower-cased type attribute ("hidden", "submit", "" when absent)
  std::string name;
  std::string value;  // the value attribute (entities decoded); a textarea's text
};

struct HtmlForm {
  std::string method = "get";  // lower-cased
  std::string action;          // as written (entities decoded); "" = the page's own URL
  std::vector<HtmlField> fields;

  // The field of this name, or nullptr.
  const HtmlField* field(std::string_view name) const;
};

// Every form of the page, in document order.
std::vector<HtmlForm> parse_forms(std::string_view html);
// &amp; &lt; &gt; &quot; &#39; &#NN; &#xHH; decoded (UTF-8); unknown entities kept as written.
std::string decode_entities(std::string_view text);

}  // namespace ock::conformance::engine
