#include "conformance/report/catalog_doc.h"

#include <map>
#include <sstream>

#include "conformance/report/spec_links.h"

namespace ock::conformance::report {
namespace {

// A table cell: pipes escaped, line breaks folded.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string refs_markdown(const std::vector<SpecRef>& refs) {
  std::string out;
  for (const auto& r : refs) {
    if (!out.empty()) out += ", ";
    auto url = rfc_url(r);
    out += url.empty() ? ref_label(r) : "[" + ref_label(r) + "](" + url + ")";
  }
  return out;
}

std::string join_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "`" : ", `") + id + "`";
  return out;
}

void intro(std::ostringstream& o, std::string_view version, std::size_t count) {
  o << "# The conformance catalog\n\n"
    << "Catalog version " << version << ", " << count << " cases. Generated from the code by\n"
    << "`oauth-conformance list --format markdown > docs/catalog.md`; do not edit by hand (a test\n"
    << "fails when this file and the code disagree). Each case lives in\n"
    << "`conformance/catalog/cases/<prefix>.cc`, named by the first part of its ID.\n\n"
    << "## Levels and verdicts\n\n"
    << "A case is made of named assertions; its verdict is the worst of theirs. An assertion that\n"
    << "does not hold counts by its level (the case's, unless the assertion names another):\n\n"
    << "| level | a failed assertion gives |\n| --- | --- |\n";
  for (auto level : kAllLevels)
    o << "| " << to_string(level) << " | " << level_meaning(level) << " |\n";
  o << "\nSKIP: the profile lacks what the case needs, or a prerequisite did not pass. ERROR: the\n"
    << "run could not complete the case (the target did not answer); never a verdict on the "
       "target.\n\n";
}

void needs_table(std::ostringstream& o, const std::vector<Case>& cases) {
  o << "## What a case needs from the profile\n\n"
    << "A case whose need is missing from the target profile SKIPs, naming the item.\n\n"
    << "| tag | profile item | cases |\n| --- | --- | --- |\n";
  for (auto need : kAllNeeds) {
    int n = 0;
    for (const auto& c : cases) {
      for (auto x : c.needs) n += x == need;
    }
    o << "| [" << to_string(need) << "] | " << cell(profile_item(need)) << " | " << n << " |\n";
  }
  o << "\n";
}

void index(std::ostringstream& o, const std::vector<Case>& cases) {
  o << "## Index\n\n| ID | level | rests on | title |\n| --- | --- | --- | --- |\n";
  for (const auto& c : cases) {
    o << "| [`" << c.id << "`](#" << c.id << ") | " << to_string(c.level) << " | "
      << refs_markdown(c.refs) << " | " << cell(c.title) << " |\n";
  }
  o << "\n";
}

void one_case(std::ostringstream& o, const Case& c) {
  o << "<a id=\"" << c.id << "\"></a>\n### `" << c.id << "`\n\n"
    << c.title << "\n\n"
    << "- **Level:** " << to_string(c.level) << "\n"
    << "- **Rests on:** " << refs_markdown(c.refs) << "\n"
    << "- **Requirement:** " << c.requirement << "\n"
    << "- **Sends:** " << c.sends << "\n"
    << "- **Passes:** " << c.passes << "\n";
  if (!c.needs.empty()) {
    o << "- **Needs:**";
    for (auto n : c.needs) o << " [" << to_string(n) << "]";
    o << "\n";
  }
  if (!c.after.empty()) o << "- **After:** " << join_ids(c.after) << "\n";
  if (c.destructive) {
    o << "- **Destructive:** only with allow_destructive; runs beside the other cases from a "
         "source address of its own (a loopback target), else last and alone\n";
  }
  if (c.time_delayed) o << "- **Waits:** sleeps until a deadline (overlaps other cases)\n";
  o << "\n";
}

}  // namespace

std::string catalog_markdown(const std::vector<Case>& cases, std::string_view catalog_version) {
  std::ostringstream o;
  intro(o, catalog_version, cases.size());
  needs_table(o, cases);
  index(o, cases);
  std::string area;
  for (const auto& c : cases) {
    if (c.area != area) {
      area = c.area;
      int n = 0;
      for (const auto& d : cases) n += d.area == area;
      o << "## " << area << " (" << n << " cases, `conformance/catalog/cases/" << area
        << ".cc`)\n\n";
    }
    one_case(o, c);
  }
  return o.str();
}

}  // namespace ock::conformance::report
