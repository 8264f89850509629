#include "conformance/report/html_report.h"

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

std::string h(std::string_view s) { return escape_html(s); }

// A token usable in an id attribute and a CSS selector: [A-Za-z0-9_-], anything else as '_'.
std::string id_token(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    out += ok ? c : '_';
  }
  return out.empty() ? "_" : out;
}

std::string duration(std::int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
  return buf;
}

constexpr const char* kVerdicts[] = {"PASS", "FAIL", "WARN", "SKIP", "ERROR"};

constexpr const char* kStyle = R"css(
:root { --pass:#1a7f37; --pass-bg:#dafbe1; --fail:#cf222e; --fail-bg:#ffebe9; --warn:#9a6700;
  --warn-bg:#fff8c5; --skip:#57606a; --skip-bg:#eaeef2; --error:#8250df; --error-bg:#fbefff;
  --line:#d0d7de; --muted:#57606a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:#1f2328;
  margin: 0 auto; max-width: 1400px; padding: 16px 24px 48px; background:#fff; }
h1 { font-size: 22px; margin: 8px 0 4px; }
[hidden] { display: none !important; }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 8px 0 12px; color: var(--muted); }
.meta div { display: flex; gap: 6px; } .meta dt { font-weight: 600; } .meta dd { margin: 0; }
.banner { background: var(--fail-bg); color: var(--fail); border: 1px solid var(--fail);
  border-radius: 6px; padding: 8px 12px; font-weight: 600; margin: 8px 0; }
#summary { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 12px 0; }
.tile { border-radius: 8px; padding: 8px 16px; min-width: 92px; text-align: center; border: 1px solid; }
.tile .count { display: block; font-size: 24px; font-weight: 700; }
.tile .label { font-size: 12px; letter-spacing: .06em; }
.closing { font-weight: 600; margin-left: 12px; }
.v-PASS { color: var(--pass); background: var(--pass-bg); border-color: var(--pass); }
.v-FAIL { color: var(--fail); background: var(--fail-bg); border-color: var(--fail); }
.v-WARN { color: var(--warn); background: var(--warn-bg); border-color: var(--warn); }
.v-SKIP { color: var(--skip); background: var(--skip-bg); border-color: var(--skip); }
.v-ERROR { color: var(--error); background: var(--error-bg); border-color: var(--error); }
#filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 12px 0;
  padding: 8px 12px; border: 1px solid var(--line); border-radius: 8px; background: #f6f8fa; }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px;
  align-items: center; }
#filters legend { float: left; font-weight: 600; margin-right: 6px; }
.chip { border: 1px solid var(--line); border-radius: 14px; padding: 2px 10px; cursor: pointer;
  background: #fff; user-select: none; white-space: nowrap; }
.chip input { margin: 0 4px 0 0; vertical-align: -2px; }
#filter-text { padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; min-width: 220px; }
#filters button { padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px;
  background: #fff; cursor: pointer; }
#filter-count { color: var(--muted); }
.cases { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.case-head, .case-row > summary { display: grid; gap: 10px; align-items: baseline;
  grid-template-columns: 118px minmax(220px, 2.2fr) 128px 82px 180px 3fr; padding: 6px 12px; }
.case-head > span, .case-row > summary > span { min-width: 0; overflow-wrap: anywhere; }
.case-row > summary a { white-space: nowrap; }
.case-head { background: #f6f8fa; font-weight: 600; border-bottom: 1px solid var(--line); }
.case-row { border-bottom: 1px solid var(--line); border-left: 5px solid transparent; }
.case-row:last-child { border-bottom: 0; }
.case-row[data-verdict="PASS"] { border-left-color: var(--pass); }
.case-row[data-verdict="FAIL"] { border-left-color: var(--fail); background: #fff8f8; }
.case-row[data-verdict="WARN"] { border-left-color: var(--warn); background: #fffdf0; }
.case-row[data-verdict="SKIP"] { border-left-color: var(--skip); }
.case-row[data-verdict="ERROR"] { border-left-color: var(--error); background: #fdf8ff; }
.case-row[data-baselined="true"] { background: #fff; }
.case-row[data-stale="true"] { border-left-color: var(--fail); background: #fff8f8; }
.case-row > summary { cursor: pointer; list-style: none; }
.case-row > summary::-webkit-details-marker { display: none; }
.case-row > summary:hover { background: rgba(0,0,0,.03); }
.case-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px;
  word-break: break-all; }
.case-id::before { content: "\25B8"; display: inline-block; width: 1em; color: var(--muted);
  transition: transform .1s; }
.case-row[open] .case-id::before { transform: rotate(90deg); }
.case-title { display: block; color: var(--muted); font-family: system-ui, sans-serif;
  font-size: 12.5px; word-break: normal; }
.badge { display: inline-block; border: 1px solid; border-radius: 4px; padding: 0 6px;
  font-size: 12px; font-weight: 700; }
.mark { display: block; font-size: 11px; color: var(--muted); }
.mark.stale { color: var(--fail); font-weight: 600; }
.evidence { padding: 4px 16px 14px 140px; }
.evidence h4 { margin: 12px 0 4px; font-size: 13px; }
.requirement { border-left: 3px solid var(--line); margin: 8px 0; padding: 2px 10px; color: #32383f; }
table.assertions { border-collapse: collapse; margin: 6px 0; }
table.assertions th, table.assertions td { border: 1px solid var(--line); padding: 3px 8px;
  text-align: left; vertical-align: top; }
table.assertions td:nth-child(n+3) { font-family: ui-monospace, monospace; font-size: 12.5px;
  white-space: pre-wrap; word-break: break-word; }
.exchange { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.exchange pre { margin: 0; padding: 8px; background: #f6f8fa; border: 1px solid var(--line);
  border-radius: 6px; white-space: pre-wrap; word-break: break-all; max-height: 420px; overflow: auto; }
.exchange .what { font-size: 11px; color: var(--muted); margin-bottom: 2px; }
footer { margin-top: 18px; color: var(--muted); font-size: 12px; }
a { color: #0969da; }
@media (max-width: 900px) {
  .case-head { display: none; }
  .case-row > summary { grid-template-columns: 100px 1fr; }
  .evidence { padding-left: 16px; } .exchange { grid-template-columns: 1fr; }
}
)css";

constexpr const char* kScript = R"js(
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('.case-row'));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  var text = document.getElementById('filter-text');
  var counter = document.getElementById('filter-count');
  function selected(kind) {
    var s = {};
    boxes.forEach(function (b) { if (b.dataset.filter === kind && b.checked) { s[b.value] = true; } });
    return s;
  }
  function apply() {
    var verdicts = selected('verdict'), areas = selected('area');
    var needle = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var ok = !!verdicts[r.dataset.verdict] && !!areas[r.dataset.area] &&
          (!needle || r.textContent.toLowerCase().indexOf(needle) >= 0);
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    counter.textContent = shown + ' of ' + rows.length + ' cases shown';
  }
  // #verdict=FAIL,WARN&area=password&q=text selects; #case-<id> opens that case.
  function fromHash() {
    var hash = location.hash.replace(/^#/, '');
    if (!hash) { return; }
    var params = {};
    hash.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i <= 0) { return; }
      try { params[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); }
      catch (e) { /* a malformed hash selects nothing */ }
    });
    ['verdict', 'area'].forEach(function (kind) {
      if (!Object.prototype.hasOwnProperty.call(params, kind)) { return; }
      var wanted = params[kind].split(',').map(function (v) {
        return kind === 'verdict' ? v.trim().toUpperCase() : v.trim();
      });
      boxes.forEach(function (b) {
        if (b.dataset.filter === kind) { b.checked = wanted.indexOf(b.value) >= 0; }
      });
    });
    if (Object.prototype.hasOwnProperty.call(params, 'q')) { text.value = params.q; }
    if (hash.indexOf('case-') === 0) {
      var target = document.getElementById(hash);
      if (target && target.tagName === 'DETAILS') { target.open = true; }
    }
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  document.getElementById('filter-reset').addEventListener('click', function () {
    boxes.forEach(function (b) { b.checked = true; });
    text.value = '';
    apply();
  });
  document.getElementById('expand-all').addEventListener('click', function () {
    rows.forEach(function (r) { if (!r.hidden) { r.open = true; } });
  });
  document.getElementById('collapse-all').addEventListener('click', function () {
    rows.forEach(function (r) { r.open = false; });
  });
  window.addEventListener('hashchange', function () { fromHash(); apply(); });
  fromHash();
  apply();
})();
)js";

void write_refs(std::ostream& out, const std::vector<SpecRef>& refs) {
  bool first = true;
  for (const auto& r : refs) {
    if (!first) out << ", ";
    first = false;
    std::string url = rfc_url(r);
    if (url.empty()) {
      out << h(ref_label(r));
    } else {
      out << "<a href=\"" << h(url) << "\" target=\"_blank\" rel=\"noopener noreferrer\">"
          << h(ref_label(r)) << "</a>";
    }
  }
}

void write_evidence(std::ostream& out, const CaseResult& c) {
  out << "<div class=\"evidence\">\n";
  if (!c.requirement.empty()) {
    out << "<p class=\"requirement\"><strong>Requirement (" << h(c.level) << "):</strong> "
        << h(c.requirement) << "</p>\n";
  }
  if (!c.refs.empty()) {
    out << "<p class=\"refs\"><strong>References:</strong> ";
    write_refs(out, c.refs);
    out << "</p>\n";
  }
  if (!c.reason.empty())
    out << "<p class=\"reason\"><strong>Reason:</strong> " << h(c.reason) << "</p>\n";
  if (c.skip_reason) {
    out << "<p class=\"skip-reason\"><strong>Skip reason:</strong> " << h(*c.skip_reason)
        << "</p>\n";
  }
  if (c.baseline) {
    out << "<p class=\"baseline\"><strong>Baseline:</strong> expected " << to_string(*c.baseline);
    if (!c.baseline_comment.empty()) out << " \u2014 " << h(c.baseline_comment);
    if (c.stale_baseline) out << " <strong>(stale: the case no longer fails)</strong>";
    out << "</p>\n";
  } else if (c.stale_baseline) {
    out << "<p class=\"baseline\"><strong>Stale baseline entry:</strong> the case no longer "
           "fails</p>\n";
  }
  if (!c.assertions.empty()) {
    out << "<table class=\"assertions\"><thead><tr><th>Assertion</th><th>Verdict</th>"
           "<th>Expected</th><th>Actual</th></tr></thead><tbody>\n";
    for (const auto& a : c.assertions) {
      const char* v = to_string(a.verdict);
      out << "<tr><td><code>" << h(a.id) << "</code></td><td><span class=\"badge v-" << v << "\">"
          << v << "</span></td><td>" << h(a.expected) << "</td><td>" << h(a.actual)
          << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
  }
  if (!c.notes.empty()) {
    out << "<h4>Notes</h4><ul class=\"notes\">\n";
    for (const auto& n : c.notes) out << "<li>" << h(n) << "</li>\n";
    out << "</ul>\n";
  }
  for (std::size_t i = 0; i < c.exchanges.size(); ++i) {
    const auto& x = c.exchanges[i];
    out << "<h4>Exchange " << (i + 1);
    if (!x.label.empty()) out << ": " << h(x.label);
    out << "</h4>\n<div class=\"exchange\"><div><div class=\"what\">request (redacted)</div><pre>"
        << h(normalize_newlines(x.request))
        << "</pre></div><div><div class=\"what\">response (redacted)</div><pre>"
        << (x.response.empty() ? std::string("(no response)") : h(normalize_newlines(x.response)))
        << "</pre></div></div>\n";
  }
  out << "</div>\n";
}

void write_case(std::ostream& out, const CaseResult& c, const std::string& anchor) {
  const char* v = to_string(c.verdict);
  out << "<details class=\"case-row\" id=\"" << h(anchor) << "\" data-verdict=\"" << v
      << "\" data-area=\"" << h(c.area) << "\" data-id=\"" << h(c.id) << "\"";
  if (is_expected_failure(c)) out << " data-baselined=\"true\"";
  if (c.stale_baseline) out << " data-stale=\"true\"";
  out << ">\n<summary><span><span class=\"badge v-" << v << "\">" << v << "</span>";
  if (is_expected_failure(c)) out << "<span class=\"mark\">expected (baseline)</span>";
  if (c.stale_baseline) out << "<span class=\"mark stale\">stale baseline</span>";
  out << "</span><span class=\"case-id\">" << h(c.id);
  if (!c.title.empty()) out << "<span class=\"case-title\">" << h(c.title) << "</span>";
  out << "</span><span>" << h(c.area) << "</span><span>" << h(c.level) << "</span><span>";
  write_refs(out, c.refs);
  std::string reason = c.verdict == Verdict::kSkip && c.skip_reason ? *c.skip_reason : c.reason;
  out << "</span><span class=\"reason-cell\">" << h(reason) << "</span></summary>\n";
  write_evidence(out, c);
  out << "</details>\n";
}

}  // namespace

namespace {

void write_head(std::ostringstream& out, const RunReport& report) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>OAuth 2.0 conformance: "
      << h(report.target_name) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  out << "<header>\n<h1>OAuth 2.0 conformance: <span id=\"target-name\">" << h(report.target_name)
      << "</span></h1>\n<dl class=\"meta\">\n";
  auto meta = [&](const char* label, const std::string& value_html) {
    out << "<div><dt>" << label << "</dt><dd>" << value_html << "</dd></div>\n";
  };
  meta("Base URL", "<code>" + h(report.base_url) + "</code>");
  meta("Mode", h(report.mode));
  meta("Started", h(report.started));
  meta("Duration", duration(report.duration_ms));
  meta("Runner", h(report.runner_version));
  meta("Catalog", h(report.catalog_version));
  if (!report.profile_sha256.empty()) {
    meta("Profile SHA-256", "<code>" + h(report.profile_sha256) + "</code>");
  }
  out << "</dl>\n";
  if (report.insecure) {
    out << "<div class=\"banner\" id=\"insecure-banner\" role=\"alert\">This run used "
           "<code>--insecure</code>: TLS certificates were not verified, so these results say "
           "nothing about the target's TLS setup.</div>\n";
  }
  out << "</header>\n";
}

void write_summary(std::ostringstream& out, const RunReport& report,
                   std::map<std::string, int>& summary) {
  out << "<section id=\"summary\">\n";
  for (const char* v : kVerdicts) {
    out << "<div class=\"tile v-" << v << "\"><span class=\"count\" id=\"count-" << v << "\">"
        << summary[v] << "</span><span class=\"label\">" << v << "</span></div>\n";
  }
  out << "<p class=\"closing\" id=\"closing-line\">";
  Tally t = tally(report);
  out << t.passed << " passed, " << t.failed << " failed, " << t.skipped << " skipped</p>\n";
  out << "</section>\n";
}

void write_filters(std::ostringstream& out, const RunReport& report,
                   std::map<std::string, int>& summary) {
  std::vector<std::string> areas;
  std::map<std::string, int> per_area;
  for (const auto& c : report.results) {
    if (per_area[c.area]++ == 0) areas.push_back(c.area);
  }
  out << "<section id=\"filters\">\n<fieldset><legend>Verdict</legend>\n";
  for (const char* v : kVerdicts) {
    out << "<label class=\"chip v-" << v << "\"><input type=\"checkbox\" id=\"filter-verdict-" << v
        << "\" data-filter=\"verdict\" value=\"" << v << "\" checked>" << v << " (" << summary[v]
        << ")</label>\n";
  }
  out << "</fieldset>\n<fieldset><legend>Area</legend>\n";
  for (const auto& a : areas) {
    out << "<label class=\"chip\"><input type=\"checkbox\" id=\"filter-area-" << h(id_token(a))
        << "\" data-filter=\"area\" value=\"" << h(a) << "\" checked>" << h(a) << " ("
        << per_area[a] << ")</label>\n";
  }
  out << "</fieldset>\n<input type=\"search\" id=\"filter-text\" placeholder=\"Filter by id or "
         "text\" "
         "aria-label=\"Filter by id or text\">\n"
         "<button type=\"button\" id=\"filter-reset\">Show all</button>\n"
         "<button type=\"button\" id=\"expand-all\">Expand all</button>\n"
         "<button type=\"button\" id=\"collapse-all\">Collapse all</button>\n"
         "<span id=\"filter-count\">"
      << report.results.size() << " of " << report.results.size()
      << " cases shown</span>\n</section>\n";
}

void write_cases(std::ostringstream& out, const RunReport& report) {
  out << "<div class=\"cases\" id=\"cases\">\n<div class=\"case-head\"><span>Verdict</span>"
         "<span>Case</span><span>Area</span><span>Level</span><span>RFC</span>"
         "<span>Reason</span></div>\n";
  std::set<std::string> anchors;
  for (const auto& c : report.results) {
    std::string anchor = "case-" + id_token(c.id);
    for (int n = 2; !anchors.insert(anchor).second; ++n) {
      anchor = "case-" + id_token(c.id) + "-" + std::to_string(n);
    }
    write_case(out, c, anchor);
  }
  out << "</div>\n";
}

}  // namespace

std::string to_html(const RunReport& report) {
  auto summary = report.summary();
  std::ostringstream out;
  write_head(out, report);
  write_summary(out, report, summary);
  write_filters(out, report, summary);
  write_cases(out, report);
  out << "<footer>Generated by oauth-conformance " << h(report.runner_version) << " \u00b7 "
      << h(report.schema)
      << " \u00b7 exchanges are redacted: secrets and tokens appear only as a prefix and a "
         "hash.</footer>\n";
  out << "<script>" << kScript << "</script>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace ock::conformance::report
