#include "conformance/report/compare_report.h"

#include <map>
#include <set>
#include <sstream>

#include "conformance/report/markdown_report.h"
#include "conformance/report/outcome.h"
#include "conformance/report/text_escape.h"

namespace ock::conformance::report {
namespace {

constexpr const char* kVerdicts[] = {"PASS", "FAIL", "WARN", "SKIP", "ERROR"};

struct Matrix {
  std::vector<std::string> columns;  // unique column titles, one per report
  std::vector<std::string> ids;      // union of case ids, first appearance order
  std::map<std::string, std::string> area;
  std::vector<std::map<std::string, const CaseResult*>> cells;  // per report: id -> first result
};

Matrix build(const std::vector<RunReport>& reports) {
  Matrix m;
  std::map<std::string, int> name_uses;
  for (const auto& r : reports) name_uses[r.target_name]++;
  std::set<std::string> titles;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto& r = reports[i];
    // Two runs of one target are told apart by their start time, then by position.
    std::string title = r.target_name.empty() ? "(unnamed)" : r.target_name;
    if (name_uses[r.target_name] > 1 && !r.started.empty()) title += " (" + r.started + ")";
    const std::string base = title;
    for (int n = 2; !titles.insert(title).second; ++n) title = base + " #" + std::to_string(n);
    m.columns.push_back(title);
    std::map<std::string, const CaseResult*> cells;
    for (const auto& c : r.results) {
      cells.try_emplace(c.id, &c);
      if (seen.insert(c.id).second) {
        m.ids.push_back(c.id);
        m.area[c.id] = c.area;
      }
    }
    m.cells.push_back(std::move(cells));
  }
  return m;
}

const CaseResult* cell(const Matrix& m, std::size_t column, const std::string& id) {
  auto it = m.cells[column].find(id);
  return it == m.cells[column].end() ? nullptr : it->second;
}

std::string cell_text(const CaseResult& c) {
  std::string v = to_string(c.verdict);
  if (is_expected_failure(c)) v += " (baseline)";
  if (c.stale_baseline) v += " (stale baseline)";
  return v;
}

constexpr const char* kStyle = R"css(
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:#1f2328;
  margin: 16px 24px 48px; }
h1 { font-size: 22px; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: 3px 10px; text-align: center; }
th.case, td.case { text-align: left; font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
  font-size: 12.5px; }
thead th { background: #f6f8fa; position: sticky; top: 0; }
thead th small { display: block; font-weight: 400; color: #57606a; }
tbody.summary td, tbody.summary th { background: #f6f8fa; font-weight: 600; }
td.v-PASS { background: #dafbe1; color: #1a7f37; }
td.v-FAIL { background: #ffc1bd; color: #a40e26; font-weight: 700; }
td.v-WARN { background: #fff8c5; color: #7d4e00; }
td.v-SKIP { background: #eaeef2; color: #57606a; }
td.v-ERROR { background: #f3deff; color: #6e3fc0; font-weight: 700; }
td.baselined { background: repeating-linear-gradient(45deg, #ffebe9, #ffebe9 6px, #fff 6px, #fff 12px);
  font-weight: 400; }
td.stale { outline: 2px solid #cf222e; outline-offset: -3px; }
td.missing { color: #8c959f; }
.legend { color: #57606a; margin-top: 12px; }
)css";

}  // namespace

std::string compare_html(const std::vector<RunReport>& reports) {
  Matrix m = build(reports);
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<title>OAuth 2.0 conformance matrix</title>\n<style>"
      << kStyle << "</style>\n</head>\n<body>\n<h1>OAuth 2.0 conformance matrix</h1>\n";
  out << "<table id=\"matrix\">\n<thead><tr><th class=\"case\">Case</th>";
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto& r = reports[i];
    out << "<th data-target=\"" << escape_html(r.target_name) << "\">" << escape_html(m.columns[i])
        << "<small>" << escape_html(r.base_url) << "</small><small>mode " << escape_html(r.mode)
        << " \u00b7 " << escape_html(r.started) << "</small></th>";
  }
  out << "</tr></thead>\n<tbody class=\"summary\">\n";
  for (const char* v : kVerdicts) {
    out << "<tr><th class=\"case\">" << v << "</th>";
    for (const auto& r : reports) out << "<td>" << r.summary()[v] << "</td>";
    out << "</tr>\n";
  }
  out << "<tr><th class=\"case\">passed / failed / skipped</th>";
  for (const auto& r : reports) {
    Tally t = tally(r);
    out << "<td class=\"closing\">" << t.passed << " / " << t.failed << " / " << t.skipped
        << "</td>";
  }
  out << "</tr>\n</tbody>\n<tbody>\n";
  for (const auto& id : m.ids) {
    out << "<tr data-id=\"" << escape_html(id) << "\" data-area=\"" << escape_html(m.area[id])
        << "\"><td class=\"case\">" << escape_html(id) << "</td>";
    for (std::size_t col = 0; col < reports.size(); ++col) {
      const CaseResult* c = cell(m, col, id);
      if (c == nullptr) {
        out << "<td class=\"missing\" title=\"not run\">\u2014</td>";
        continue;
      }
      const char* v = to_string(c->verdict);
      std::string classes = std::string("v-") + v;
      if (is_expected_failure(*c)) classes += " baselined";
      if (c->stale_baseline) classes += " stale";
      std::string tip =
          c->verdict == Verdict::kSkip && c->skip_reason ? *c->skip_reason : c->reason;
      if (!c->baseline_comment.empty()) tip += " (baseline: " + c->baseline_comment + ")";
      out << "<td class=\"" << classes << "\" data-verdict=\"" << v << "\" title=\""
          << escape_html(tip) << "\">" << v;
      if (is_expected_failure(*c)) out << "*";
      if (c->stale_baseline) out << "!";
      out << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n<p class=\"legend\">FAIL* = failure expected by the target's "
         "baseline (hatched) \u00b7 ! = stale baseline entry (the case no longer fails) \u00b7 "
         "\u2014 = not in that run \u00b7 hover a cell for its reason.</p>\n</body>\n</html>\n";
  return out.str();
}

std::string compare_markdown(const std::vector<RunReport>& reports) {
  Matrix m = build(reports);
  std::ostringstream out;
  out << "# OAuth 2.0 conformance matrix\n\n| Case |";
  for (const auto& title : m.columns) out << " " << escape_markdown(title) << " |";
  out << "\n| --- |";
  for (std::size_t i = 0; i < m.columns.size(); ++i) out << " :---: |";
  out << "\n";
  for (const char* v : kVerdicts) {
    out << "| *" << v << "* |";
    for (const auto& r : reports) out << " " << r.summary()[v] << " |";
    out << "\n";
  }
  out << "| ***passed / failed / skipped*** |";
  for (const auto& r : reports) {
    Tally t = tally(r);
    out << " **" << t.passed << " / " << t.failed << " / " << t.skipped << "** |";
  }
  out << "\n";
  for (const auto& id : m.ids) {
    out << "| " << markdown_code(id, true) << " |";
    for (std::size_t col = 0; col < reports.size(); ++col) {
      const CaseResult* c = cell(m, col, id);
      if (c == nullptr) {
        out << " \u2014 |";
      } else if (outcome_of(*c) == Outcome::kFailed) {
        out << " **" << cell_text(*c) << "** |";
      } else {
        out << " " << cell_text(*c) << " |";
      }
    }
    out << "\n";
  }
  out << "\n(baseline) = failure expected by the target's baseline \u00b7 (stale baseline) = the "
         "baseline expects a failure that no longer happens \u00b7 \u2014 = not in that run\n";
  return out.str();
}

}  // namespace ock::conformance::report
