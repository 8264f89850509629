#include "conformance/runner/baseline.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "conformance/runner/glob.h"

namespace ock::conformance::runner {
namespace {

std::optional<Verdict> verdict_from(std::string_view s) {
  if (s == "PASS") return Verdict::kPass;
  if (s == "FAIL") return Verdict::kFail;
  if (s == "WARN") return Verdict::kWarn;
  if (s == "SKIP") return Verdict::kSkip;
  if (s == "ERROR") return Verdict::kError;
  return std::nullopt;
}

struct SplitId {
  std::string case_glob;
  std::string assertion_glob;  // "" = the whole case
};

SplitId split(const std::string& id) {
  auto hash = id.find('#');
  if (hash == std::string::npos) return {id, ""};
  return {id.substr(0, hash), id.substr(hash + 1)};
}

// True when the entry covers this case as it ended.
bool covers(const BaselineEntry& e, const CaseResult& r) {
  auto s = split(e.id);
  if (!glob_match(s.case_glob, r.id)) return false;
  if (s.assertion_glob.empty()) return r.verdict == e.verdict;
  // Assertion-level entry: every assertion at the case's verdict must be listed.
  bool any = false;
  for (const auto& a : r.assertions) {
    if (a.verdict != r.verdict) continue;
    if (!glob_match(s.assertion_glob, a.id)) return false;
    any = true;
  }
  return any && r.verdict == e.verdict;
}

}  // namespace

Result<Baseline, std::string> parse_baseline(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return fail(std::string("baseline: not a JSON object"));
  Baseline b;
  if (auto it = j.find("target"); it != j.end()) {
    if (!it->is_string()) return fail(std::string("target: not a string"));
    b.target = it->get<std::string>();
  }
  auto ex = j.find("expected");
  if (ex == j.end() || !ex->is_array())
    return fail(std::string("expected: missing or not an array"));
  for (std::size_t i = 0; i < ex->size(); ++i) {
    const auto& e = (*ex)[i];
    std::string where = "expected[" + std::to_string(i) + "]";
    if (!e.is_object()) return fail(where + ": not an object");
    auto id = e.find("id");
    if (id == e.end() || !id->is_string() || id->get<std::string>().empty())
      return fail(where + ".id: missing");
    BaselineEntry entry;
    entry.id = id->get<std::string>();
    if (auto v = e.find("verdict"); v != e.end()) {
      if (!v->is_string() || !verdict_from(v->get<std::string>()))
        return fail(where + ".verdict: not one of PASS, FAIL, WARN, SKIP, ERROR");
      entry.verdict = *verdict_from(v->get<std::string>());
    }
    auto c = e.find("comment");
    if (c == e.end() || !c->is_string() || c->get<std::string>().empty())
      return fail(where + ".comment: missing (every baseline entry says why)");
    entry.comment = c->get<std::string>();
    b.expected.push_back(std::move(entry));
  }
  return b;
}

Result<Baseline, std::string> load_baseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot read baseline " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto b = parse_baseline(ss.str());
  if (!b) return fail(path + ": " + b.error());
  return b;
}

void match_baseline(const Baseline& baseline, CaseResult& result) {
  // An entry that covers the outcome wins; else the first entry naming the case (for stale).
  for (const auto& e : baseline.expected) {
    if (covers(e, result)) {
      result.baseline = e.verdict;
      result.baseline_comment = e.comment;
      return;
    }
  }
}

std::vector<std::string> mark_stale(const Baseline& baseline, std::vector<CaseResult>& results) {
  std::vector<std::string> stale;
  for (const auto& e : baseline.expected) {
    if (e.verdict != Verdict::kFail && e.verdict != Verdict::kWarn) continue;
    auto s = split(e.id);
    bool matched_any = false;
    bool still_deviates = false;
    std::vector<CaseResult*> passing;
    for (auto& r : results) {
      if (!glob_match(s.case_glob, r.id)) continue;
      if (r.verdict == Verdict::kSkip || r.verdict == Verdict::kError) continue;
      matched_any = true;
      if (covers(e, r)) still_deviates = true;
      if (r.verdict == Verdict::kPass) passing.push_back(&r);
    }
    if (matched_any && !still_deviates && !passing.empty()) {
      for (auto* r : passing) {
        r->stale_baseline = true;
        r->baseline = e.verdict;
        r->baseline_comment = e.comment;
      }
      stale.push_back("baseline entry \"" + e.id + "\" expects " + to_string(e.verdict) +
                      " but the case now passes");
    }
  }
  return stale;
}

}  // namespace ock::conformance::runner
