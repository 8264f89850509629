#include "conformance/runner/grading.h"

#include <algorithm>
#include <utility>

namespace ock::conformance::runner {
namespace {

int severity(Verdict v) {
  switch (v) {
    case Verdict::kWarn:
      return 1;
    case Verdict::kFail:
      return 2;
    default:
      return 0;
  }
}

// The assertions of the findings, graded; the worst verdict's severity and its reason.
int grade_findings(const Case& c, const std::vector<engine::Finding>& findings, Mode mode,
                   CaseResult& r, std::string& worst_reason) {
  int worst = 0;
  for (const auto& f : findings) {
    AssertionResult a{f.id, Verdict::kPass, f.expected, f.actual};
    if (!f.passed) {
      Level level = f.level.value_or(c.level);
      a.verdict = verdict_for_failure(level, mode);
      if (level == Level::kMay) {
        r.notes.push_back("optional behaviour absent: " + f.id + " (expected " + f.expected +
                          ", got " + f.actual + ")");
      }
      if (severity(a.verdict) > worst) {
        worst = severity(a.verdict);
        worst_reason = f.id + ": expected " + f.expected + ", got " + f.actual;
      }
    }
    r.assertions.push_back(std::move(a));
  }
  return worst;
}

}  // namespace

std::optional<Mode> parse_mode(std::string_view text) {
  if (text == "rfc") return Mode::kRfc;
  if (text == "strict") return Mode::kStrict;
  if (text == "bcp") return Mode::kBcp;
  return std::nullopt;
}

const char* to_string(Mode mode) {
  switch (mode) {
    case Mode::kRfc:
      return "rfc";
    case Mode::kStrict:
      return "strict";
    case Mode::kBcp:
      return "bcp";
  }
  return "rfc";
}

Verdict verdict_for_failure(Level level, Mode mode) {
  switch (level) {
    case Level::kMust:
      return Verdict::kFail;
    case Level::kShould:
    case Level::kTolerance:
      return mode == Mode::kStrict ? Verdict::kFail : Verdict::kWarn;
    case Level::kBcp:
      return mode == Mode::kBcp ? Verdict::kFail : Verdict::kWarn;
    case Level::kAdvice:
      return Verdict::kWarn;
    case Level::kNotice:
      return mode == Mode::kBcp ? Verdict::kWarn : Verdict::kPass;
    case Level::kMay:
      return Verdict::kPass;
  }
  return Verdict::kFail;
}

CaseResult skeleton(const Case& c) {
  CaseResult r;
  r.id = c.id;
  r.area = c.area;
  r.title = c.title;
  r.requirement = c.requirement;
  r.refs = c.refs;
  r.level = to_string(c.level);
  return r;
}

CaseResult skipped(const Case& c, std::string reason) {
  CaseResult r = skeleton(c);
  r.verdict = Verdict::kSkip;
  r.reason = reason;
  r.skip_reason = std::move(reason);
  return r;
}

CaseResult grade(const Case& c, const BodyOutcome& outcome,
                 const std::vector<engine::Finding>& findings, std::vector<std::string> notes,
                 Mode mode) {
  CaseResult r = skeleton(c);
  if (outcome.abort_reason) r.notes.push_back("stopped early: " + *outcome.abort_reason);
  for (auto& note : notes) r.notes.push_back(std::move(note));
  std::string worst_reason;
  const int worst = grade_findings(c, findings, mode, r, worst_reason);
  if (outcome.error_reason) {
    r.verdict = Verdict::kError;
    r.reason = *outcome.error_reason;
  } else if (outcome.skip_reason && worst == 0) {
    r.verdict = Verdict::kSkip;
    r.reason = *outcome.skip_reason;
    r.skip_reason = *outcome.skip_reason;
  } else {
    r.verdict = worst == 2 ? Verdict::kFail : worst == 1 ? Verdict::kWarn : Verdict::kPass;
    if (worst > 0)
      r.reason = worst_reason;
    else if (!r.notes.empty())
      r.reason = r.notes.front();
  }
  return r;
}

std::vector<RecordedExchange> recorded(const std::vector<engine::HttpExchange>& exchanges) {
  std::vector<RecordedExchange> out;
  for (const auto& x : exchanges) {
    RecordedExchange rx;
    rx.label = x.label;
    rx.request = x.raw_request.empty() ? x.request.method + " " + x.request.url : x.raw_request;
    // A report shows 16 KiB of a response (Redactor); keep a little more, so that a secret
    // across that cut is still redacted, and not a 8 MiB body per exchange per case.
    constexpr std::size_t kKeep = 20 * 1024;
    const auto& body = x.response.body;
    const std::size_t room = kKeep > x.raw_head.size() ? kKeep - x.raw_head.size() : 0;
    rx.response = x.raw_head + body.substr(0, std::min(room, body.size()));
    rx.response_bytes_not_kept =
        body.size() - std::min(room, body.size()) + x.response.body_bytes_dropped;
    out.push_back(std::move(rx));
  }
  return out;
}

}  // namespace ock::conformance::runner
