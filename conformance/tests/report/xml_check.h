// A deliberately small, strict XML 1.0 reader for the JUnit tests: enough to prove junit.xml is
// well-formed (balanced tags, quoted attributes, known entities, only legal characters, valid
// UTF-8) and to walk its elements. Test-only; std alone, no namespaces, DTDs or CDATA.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ock::conformance::report::testing {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;  // values with entities resolved
  std::vector<XmlElement> children;
  std::string text;  // all character data directly inside, entities resolved

  // Direct children called `child_name`.
  std::vector<const XmlElement*> all(std::string_view child_name) const;
};

// The root element; throws std::runtime_error naming the offset of the first problem.
XmlElement parse_xml(std::string_view document);

}  // namespace ock::conformance::report::testing
