#include "conformance/report/markdown_report.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <sstream>
#include <vector>

#include "conformance/report/outcome.h"
#include "conformance/report/spec_links.h"
#include "conformance/report/text_escape.h"

namespace ock::conformance::report {
namespace {

std::size_t longest_backtick_run(std::string_view s) {
  std::size_t best = 0;
  std::size_t run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

// A pull-request comment holds at most 65536 characters: each exchange body is cut here, the
// whole of it stays in report.json and report.html.
constexpr std::size_t kExchangeCap = 2000;
// Exchanges stop being shown once they take this much of the document.
constexpr std::size_t kExchangeBudget = 20000;

// `body` cut to kExchangeCap bytes on a UTF-8 character boundary, with a note when cut.
std::string capped(std::string_view body) {
  if (body.size() <= kExchangeCap) return std::string(body);
  std::size_t cut = kExchangeCap;
  while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
  return std::string(body.substr(0, cut)) + "\n\u2026 (cut at " + std::to_string(cut) + " of " +
         std::to_string(body.size()) + " bytes; the whole exchange is in report.json)";
}

// A fenced block that no backtick run inside `body` can close early.
std::string fenced(std::string_view body, std::string_view info) {
  std::string clean = sanitize_text(capped(normalize_newlines(body)));
  std::string fence(std::max<std::size_t>(3, longest_backtick_run(clean) + 1), '`');
  if (clean.empty() || clean.back() != '\n') clean += '\n';
  return fence + std::string(info) + "\n" + clean + fence + "\n";
}

std::string md(std::string_view s) { return escape_markdown(s); }

// Reference-style label of a link ("rfc6749-5.2"); its definition is written once at the end
// of the document, which keeps a 97-row table short.
std::string link_label(const SpecRef& r) {
  std::string key = ref_key(r);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

std::string refs_links(const std::vector<SpecRef>& refs) {
  std::string out;
  for (const auto& r : refs) {
    if (!out.empty()) out += ", ";
    out +=
        rfc_url(r).empty() ? md(ref_label(r)) : "[" + md(ref_label(r)) + "][" + link_label(r) + "]";
  }
  return out;
}

std::string duration(std::int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
  return buf;
}

void write_assertions(std::ostream& out, const CaseResult& c) {
  bool any = std::any_of(c.assertions.begin(), c.assertions.end(),
                         [](const AssertionResult& a) { return a.verdict != Verdict::kPass; });
  if (!any) return;
  out << "\n| Assertion | Verdict | Expected | Actual |\n| --- | --- | --- | --- |\n";
  for (const auto& a : c.assertions) {
    if (a.verdict == Verdict::kPass) continue;
    out << "| " << markdown_code(a.id, true) << " | " << to_string(a.verdict) << " | "
        << md(a.expected) << " | " << md(a.actual) << " |\n";
  }
}

// Exchanges of one case; `budget` is what is left of kExchangeBudget for the whole document.
void write_exchanges(std::ostream& out, const CaseResult& c, std::size_t& budget) {
  if (c.exchanges.empty()) return;
  if (budget == 0) {
    out << "\n*" << c.exchanges.size() << (c.exchanges.size() == 1 ? " exchange" : " exchanges")
        << " left out to keep this report short: see report.html or report.json.*\n";
    return;
  }
  std::ostringstream block;
  block << "\n<details><summary>" << c.exchanges.size()
        << (c.exchanges.size() == 1 ? " exchange" : " exchanges") << " (redacted)</summary>\n";
  for (std::size_t i = 0; i < c.exchanges.size(); ++i) {
    const auto& x = c.exchanges[i];
    block << "\n**" << (i + 1) << ". " << (x.label.empty() ? std::string("exchange") : md(x.label))
          << "**\n\n";
    block << fenced(x.request, "http") << "\n";
    block << fenced(x.response.empty() ? std::string_view("(no response)") : x.response, "http");
  }
  block << "\n</details>\n";
  const std::string text = block.str();
  budget = text.size() >= budget ? 0 : budget - text.size();
  out << text;
}

// One detailed entry of the failures / errors / warnings sections.
void write_detail(std::ostream& out, const CaseResult& c, std::string_view heading_verdict,
                  std::size_t& budget) {
  out << "\n### " << heading_verdict << " " << markdown_code(c.id, false);
  if (!c.title.empty()) out << " \u2014 " << md(c.title);
  out << "\n\n";
  out << "- **Level:** " << (c.level.empty() ? std::string("\u2014") : md(c.level));
  if (!c.refs.empty()) out << " \u00b7 " << refs_links(c.refs);
  out << "\n";
  if (!c.reason.empty()) out << "- **Reason:** " << md(c.reason) << "\n";
  if (!c.requirement.empty()) out << "- **Requirement:** " << md(c.requirement) << "\n";
  if (c.baseline) {
    out << "- **Baseline:** expected " << to_string(*c.baseline);
    if (!c.baseline_comment.empty()) out << " (" << md(c.baseline_comment) << ")";
    out << "\n";
  }
  for (const auto& n : c.notes) out << "- **Note:** " << md(n) << "\n";
  write_assertions(out, c);
  write_exchanges(out, c, budget);
}

std::string verdict_cell(const CaseResult& c) {
  std::string v = to_string(c.verdict);
  if (c.verdict == Verdict::kFail && !is_expected_failure(c)) v = "**FAIL**";
  if (c.verdict == Verdict::kError) v = "**ERROR**";
  if (is_expected_failure(c)) v += " (baseline)";
  if (c.stale_baseline) v += " (stale baseline)";
  return v;
}

}  // namespace

std::string markdown_code(std::string_view text, bool in_table) {
  std::string clean = sanitize_text(text);
  for (char& c : clean) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  if (in_table) {
    std::string piped;
    for (char c : clean) {
      if (c == '|') piped += '\\';
      piped += c;
    }
    clean = std::move(piped);
  }
  std::string ticks(longest_backtick_run(clean) + 1, '`');
  bool pad = !clean.empty() && (clean.front() == '`' || clean.back() == '`');
  return ticks + (pad ? " " : "") + clean + (pad ? " " : "") + ticks;
}

std::string to_markdown(const RunReport& report) {
  std::ostringstream out;
  out << "# OAuth 2.0 conformance: " << md(report.target_name) << "\n\n";
  out << "Target " << markdown_code(report.base_url, false) << " \u00b7 mode **" << md(report.mode)
      << "** \u00b7 started " << md(report.started) << " \u00b7 duration "
      << duration(report.duration_ms) << "  \n";
  out << "Runner " << md(report.runner_version) << " \u00b7 catalog " << md(report.catalog_version);
  if (!report.profile_sha256.empty()) {
    out << " \u00b7 profile sha256 " << markdown_code(report.profile_sha256, false);
  }
  out << "\n";
  if (report.insecure) {
    out << "\n> **Warning:** this run used `--insecure`: TLS certificates were not verified.\n";
  }

  auto summary = report.summary();
  out << "\n| PASS | FAIL | WARN | SKIP | ERROR |\n| ---: | ---: | ---: | ---: | ---: |\n";
  out << "| " << summary["PASS"] << " | " << summary["FAIL"] << " | " << summary["WARN"] << " | "
      << summary["SKIP"] << " | " << summary["ERROR"] << " |\n";
  Tally t = tally(report);
  out << "\n**" << t.passed << " passed, " << t.failed << " failed, " << t.skipped
      << " skipped**\n";

  struct Section {
    const char* title;
    const char* verdict_word;
    bool (*select)(const CaseResult&);
  };
  const Section sections[] = {
      {"Failures", "FAIL",
       [](const CaseResult& c) {
         return c.verdict == Verdict::kFail && !is_expected_failure(c) && !c.stale_baseline;
       }},
      {"Errors", "ERROR",
       [](const CaseResult& c) { return c.verdict == Verdict::kError && !c.stale_baseline; }},
      {"Stale baseline entries", "STALE", [](const CaseResult& c) { return c.stale_baseline; }},
      {"Warnings", "WARN",
       [](const CaseResult& c) { return c.verdict == Verdict::kWarn && !c.stale_baseline; }},
  };
  std::size_t budget = kExchangeBudget;
  for (const auto& s : sections) {
    std::vector<const CaseResult*> picked;
    for (const auto& c : report.results) {
      if (s.select(c)) picked.push_back(&c);
    }
    if (picked.empty()) continue;
    out << "\n## " << s.title << " (" << picked.size() << ")\n";
    for (const auto* c : picked) write_detail(out, *c, s.verdict_word, budget);
  }

  std::vector<const CaseResult*> expected;
  for (const auto& c : report.results) {
    if (is_expected_failure(c)) expected.push_back(&c);
  }
  if (!expected.empty()) {
    out << "\n## Expected failures (baseline) (" << expected.size() << ")\n\n";
    for (const auto* c : expected) {
      out << "- " << markdown_code(c->id, false) << " \u2014 " << md(c->reason);
      if (!c->baseline_comment.empty()) out << " *(baseline: " << md(c->baseline_comment) << ")*";
      out << "\n";
    }
  }

  out << "\n## All cases (" << report.results.size() << ")\n\n";
  out << "| Verdict | Case | Level | Refs | Reason |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& c : report.results) {
    std::string reason = c.verdict == Verdict::kSkip && c.skip_reason ? *c.skip_reason : c.reason;
    out << "| " << verdict_cell(c) << " | " << markdown_code(c.id, true) << " | " << md(c.level)
        << " | " << refs_links(c.refs) << " | " << md(reason) << " |\n";
  }
  std::map<std::string, std::string> links;
  for (const auto& c : report.results) {
    for (const auto& r : c.refs) {
      if (!rfc_url(r).empty()) links.emplace(link_label(r), rfc_url(r));
    }
  }
  if (!links.empty()) out << "\n";
  for (const auto& [label, url] : links) out << "[" << label << "]: " << url << "\n";
  return out.str();
}

}  // namespace ock::conformance::report
