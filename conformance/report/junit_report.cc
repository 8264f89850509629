#include "conformance/report/junit_report.h"

#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "conformance/report/outcome.h"
#include "conformance/report/spec_links.h"
#include "conformance/report/text_escape.h"

namespace ock::conformance::report {
namespace {

std::string attr(std::string_view s) { return escape_xml(s, true); }
std::string text(std::string_view s) { return escape_xml(s, false); }

// JUnit time: seconds with millisecond precision, "1.234".
std::string seconds(std::int64_t ms) {
  if (ms < 0) ms = 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(ms / 1000),
                static_cast<long long>(ms % 1000));
  return buf;
}

// Which of <failure>, <error>, <skipped> (or none) a case gets.
enum class Element { kNone, kFailure, kError, kSkipped };

Element element_of(const CaseResult& c) {
  if (c.stale_baseline) return Element::kFailure;
  switch (c.verdict) {
    case Verdict::kFail:
      return is_expected_failure(c) ? Element::kNone : Element::kFailure;
    case Verdict::kError:
      return Element::kError;
    case Verdict::kSkip:
      return Element::kSkipped;
    case Verdict::kPass:
    case Verdict::kWarn:
      return Element::kNone;
  }
  return Element::kNone;
}

std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

// The evidence every non-passing body carries: requirement and refs, failed assertions, notes,
// the redacted exchanges. Plain text; escaped by the caller.
std::string evidence(const CaseResult& c) {
  std::ostringstream out;
  out << c.id << " [" << c.level << "] " << c.title << "\n";
  for (const auto& r : c.refs) {
    std::string url = rfc_url(r);
    out << "Reference: " << ref_label(r) << (url.empty() ? "" : " " + url) << "\n";
  }
  if (!c.requirement.empty()) out << "Requirement: " << c.requirement << "\n";
  if (!c.baseline_comment.empty()) out << "Baseline comment: " << c.baseline_comment << "\n";
  bool header = false;
  for (const auto& a : c.assertions) {
    if (a.verdict == Verdict::kPass) continue;
    if (!header) out << "Assertions not met:\n";
    header = true;
    out << "  " << to_string(a.verdict) << " " << a.id << ": expected " << a.expected << ", actual "
        << a.actual << "\n";
  }
  for (const auto& n : c.notes) out << "Note: " << n << "\n";
  for (std::size_t i = 0; i < c.exchanges.size(); ++i) {
    const auto& x = c.exchanges[i];
    out << "\n--- exchange " << (i + 1);
    if (!x.label.empty()) out << ": " << x.label;
    const std::string request = normalize_newlines(x.request);
    const std::string response =
        x.response.empty() ? "(no response)" : normalize_newlines(x.response);
    out << "\n>>> request\n" << request;
    if (!request.empty() && request.back() != '\n') out << "\n";
    out << "<<< response\n" << response;
    if (response.back() != '\n') out << "\n";
  }
  return out.str();
}

struct Counts {
  int tests = 0;
  int failures = 0;
  int errors = 0;
  int skipped = 0;
  std::int64_t ms = 0;
};

void count(Counts& k, const CaseResult& c) {
  ++k.tests;
  k.ms += c.duration_ms;
  switch (element_of(c)) {
    case Element::kFailure:
      ++k.failures;
      break;
    case Element::kError:
      ++k.errors;
      break;
    case Element::kSkipped:
      ++k.skipped;
      break;
    case Element::kNone:
      break;
  }
}

std::string count_attrs(const Counts& k, std::int64_t ms, const std::string& timestamp) {
  std::ostringstream out;
  out << " tests=\"" << k.tests << "\" failures=\"" << k.failures << "\" errors=\"" << k.errors
      << "\" skipped=\"" << k.skipped << "\" time=\"" << seconds(ms) << "\" timestamp=\""
      << attr(timestamp) << "\"";
  return out.str();
}

void property(std::ostream& out, const char* indent, std::string_view name,
              std::string_view value) {
  out << indent << "<property name=\"" << attr(name) << "\" value=\"" << attr(value) << "\"/>\n";
}

void write_case(std::ostream& out, const CaseResult& c, const std::string& name) {
  out << "    <testcase classname=\"oauth2conf." << attr(c.area) << "\" name=\"" << attr(name)
      << "\" time=\"" << seconds(c.duration_ms) << "\">\n";
  const char* in = "        ";
  out << "      <properties>\n";
  for (const auto& r : c.refs) property(out, in, "rfc", ref_key(r));
  property(out, in, "level", c.level);
  property(out, in, "verdict", to_string(c.verdict));
  if (c.baseline) property(out, in, "expected", to_string(*c.baseline));
  if (c.stale_baseline) property(out, in, "stale_baseline", "true");
  for (const auto& a : c.assertions) {
    if (a.verdict != Verdict::kPass) property(out, in, "assertion", a.id);
  }
  out << "      </properties>\n";

  const std::string message = attr(one_line(c.reason));
  switch (element_of(c)) {
    case Element::kFailure:
      if (c.stale_baseline) {
        out << "      <failure type=\"StaleBaseline\" message=\"baseline expects "
            << (c.baseline ? to_string(*c.baseline) : "FAIL") << " but the case is "
            << to_string(c.verdict) << ": " << message << "\">"
            << text("The baseline entry no longer matches; remove or update it.\n" + evidence(c))
            << "</failure>\n";
      } else {
        out << "      <failure type=\"" << attr(c.level.empty() ? "FAIL" : c.level)
            << "\" message=\"" << message << "\">" << text(c.reason + "\n" + evidence(c))
            << "</failure>\n";
      }
      break;
    case Element::kError:
      out << "      <error type=\"RunnerError\" message=\"" << message << "\">"
          << text(c.reason + "\n" + evidence(c)) << "</error>\n";
      break;
    case Element::kSkipped:
      out << "      <skipped message=\"" << attr(one_line(c.skip_reason.value_or(c.reason)))
          << "\"/>\n";
      break;
    case Element::kNone:
      if (c.verdict == Verdict::kWarn) {
        out << "      <system-out>" << text("WARN: " + one_line(c.reason) + "\n" + evidence(c))
            << "</system-out>\n";
      } else if (is_expected_failure(c)) {
        out << "      <system-out>"
            << text("FAIL (expected by the baseline): " + one_line(c.reason) + "\n" + evidence(c))
            << "</system-out>\n";
      } else if (!c.notes.empty()) {
        std::string notes;
        for (const auto& n : c.notes) notes += "Note: " + n + "\n";
        out << "      <system-out>" << text(notes) << "</system-out>\n";
      }
      break;
  }
  out << "    </testcase>\n";
}

}  // namespace

std::string to_junit(const RunReport& report) {
  // Areas in order of first appearance, so the file follows the catalog.
  std::vector<std::string> areas;
  std::map<std::string, std::vector<const CaseResult*>> by_area;
  Counts total;
  for (const auto& c : report.results) {
    auto [it, inserted] = by_area.try_emplace(c.area);
    if (inserted) areas.push_back(c.area);
    it->second.push_back(&c);
    count(total, c);
  }

  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"oauth2-conformance\""
      << count_attrs(total, report.duration_ms, report.started) << ">\n";
  std::set<std::string> used_names;
  for (const auto& area : areas) {
    Counts k;
    for (const auto* c : by_area[area]) count(k, *c);
    out << "  <testsuite name=\"oauth2-conformance." << attr(area) << "\""
        << count_attrs(k, k.ms, report.started) << ">\n";
    const char* in = "      ";
    out << "    <properties>\n";
    property(out, in, "target", report.target_name);
    property(out, in, "base_url", report.base_url);
    property(out, in, "mode", report.mode);
    property(out, in, "catalog_version", report.catalog_version);
    property(out, in, "runner_version", report.runner_version);
    property(out, in, "profile_sha256", report.profile_sha256);
    if (report.insecure) property(out, in, "insecure", "true");
    out << "    </properties>\n";
    for (const auto* c : by_area[area]) {
      // GitLab keeps only the first of equal names: number repeats as variants.
      std::string name = c->id;
      for (int n = 2; !used_names.insert(name).second; ++n)
        name = c->id + "[" + std::to_string(n) + "]";
      write_case(out, *c, name);
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return out.str();
}

}  // namespace ock::conformance::report
