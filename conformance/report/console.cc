#include "conformance/report/console.h"

#include <algorithm>
#include <vector>

#include "conformance/report/outcome.h"
#include "conformance/report/spec_links.h"
#include "conformance/report/text_escape.h"

namespace ock::conformance::report {
namespace {

constexpr int kBarWidth = 30;

// Target text on a terminal: one line, no escape sequences (ESC and other C0 controls become
// visible pictures via sanitize_text; C1 controls, which some terminals obey, become U+FFFD).
std::string terminal_text(std::string_view s) {
  std::string clean = sanitize_text(s);
  std::string out;
  out.reserve(clean.size());
  for (std::size_t i = 0; i < clean.size(); ++i) {
    auto b = static_cast<unsigned char>(clean[i]);
    if (b == '\n' || b == '\r' || b == '\t') {
      out += ' ';
    } else if (b == 0x7F) {
      out += "\xE2\x90\xA1";  // U+2421 SYMBOL FOR DELETE
    } else if (b == 0xC2 && i + 1 < clean.size() &&
               static_cast<unsigned char>(clean[i + 1]) <= 0x9F) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out += clean[i];
    }
  }
  return out;
}

// Workflow-command data: %, CR and LF are the characters GitHub's parser reserves.
std::string gh_data(std::string_view s) {
  std::string out;
  for (char c : terminal_text(s)) {
    if (c == '%')
      out += "%25";
    else
      out += c;
  }
  return out;
}

// Workflow-command property values additionally reserve ':' and ','.
std::string gh_property(std::string_view s) {
  std::string out;
  for (char c : gh_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

const char* sgr_for(const CaseResult& c) {
  if (c.stale_baseline) return "1;31";
  switch (c.verdict) {
    case Verdict::kPass:
      return "32";
    case Verdict::kFail:
      return is_expected_failure(c) ? "33" : "1;31";
    case Verdict::kWarn:
      return "33";
    case Verdict::kSkip:
      return "36";
    case Verdict::kError:
      return "1;35";
  }
  return "0";
}

std::string refs_text(const std::vector<SpecRef>& refs) {
  std::string out;
  for (const auto& r : refs) {
    if (!out.empty()) out += ", ";
    out += ref_label(r);
  }
  return out;
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

}  // namespace

std::string closing_line(const RunReport& report) {
  Tally t = tally(report);
  return std::to_string(t.passed) + " passed, " + std::to_string(t.failed) + " failed, " +
         std::to_string(t.skipped) + " skipped";
}

Console::Console(std::ostream& out, ConsoleOptions options) : out_(out), options_(options) {}

std::string Console::paint(const std::string& text, const char* sgr) const {
  if (!options_.color) return text;
  return std::string("\x1b[") + sgr + "m" + text + "\x1b[0m";
}

std::string Console::verdict_word(const CaseResult& c) const {
  return paint(pad(to_string(c.verdict), 5), sgr_for(c));
}

void Console::clear_progress() {
  if (progress_width_ == 0) return;
  out_ << '\r' << std::string(progress_width_, ' ') << '\r';
  progress_width_ = 0;
}

void Console::progress(int done, int total) {
  if (!options_.tty || options_.quiet || total <= 0) return;
  done = std::clamp(done, 0, total);
  int filled = static_cast<int>(static_cast<long long>(done) * kBarWidth / total);
  std::string bar;
  if (filled >= kBarWidth) {
    bar.assign(kBarWidth, '=');
  } else {
    bar.assign(static_cast<std::size_t>(std::max(filled - 1, 0)), '=');
    if (filled > 0) bar += '>';
    bar.append(static_cast<std::size_t>(kBarWidth - filled), ' ');
  }
  std::string line = "[" + bar + "] " + std::to_string(done) + "/" + std::to_string(total);
  out_ << '\r' << line;
  // A shorter line than the last one must not leave its tail on screen.
  if (line.size() < progress_width_) {
    out_ << std::string(progress_width_ - line.size(), ' ') << '\r' << line;
  }
  progress_width_ = std::max(progress_width_, line.size());
  out_.flush();
}

void Console::case_finished(const CaseResult& result) {
  if (options_.quiet) return;
  clear_progress();
  std::string reason =
      result.verdict == Verdict::kSkip && result.skip_reason ? *result.skip_reason : result.reason;
  out_ << verdict_word(result) << "  " << terminal_text(result.id);
  if (!reason.empty()) out_ << "  " << terminal_text(reason);
  if (is_expected_failure(result)) out_ << "  [expected by baseline]";
  if (result.stale_baseline) {
    out_ << "  [stale baseline: expected "
         << (result.baseline ? to_string(*result.baseline) : "FAIL") << "]";
  }
  out_ << '\n';
  out_.flush();
}

void Console::finish(const RunReport& report) {
  clear_progress();
  if (!options_.quiet) {
    struct Section {
      const char* title;
      bool (*select)(const CaseResult&);
      bool detailed;
    };
    const Section sections[] = {
        {"Failures",
         [](const CaseResult& c) {
           return c.verdict == Verdict::kFail && !is_expected_failure(c) && !c.stale_baseline;
         },
         true},
        {"Errors",
         [](const CaseResult& c) { return c.verdict == Verdict::kError && !c.stale_baseline; },
         true},
        {"Stale baseline entries (the case no longer fails; update the baseline)",
         [](const CaseResult& c) { return c.stale_baseline; }, false},
        {"Warnings",
         [](const CaseResult& c) { return c.verdict == Verdict::kWarn && !c.stale_baseline; },
         true},
        {"Expected failures (baseline)", [](const CaseResult& c) { return is_expected_failure(c); },
         false},
    };
    for (const auto& s : sections) {
      std::vector<const CaseResult*> picked;
      for (const auto& c : report.results) {
        if (s.select(c)) picked.push_back(&c);
      }
      if (picked.empty()) continue;
      out_ << '\n' << s.title << " (" << picked.size() << "):\n";
      for (const auto* c : picked) {
        out_ << "  " << verdict_word(*c) << "  " << terminal_text(c->id);
        std::string tags = terminal_text(c->level);
        std::string refs = refs_text(c->refs);
        if (!refs.empty()) tags += (tags.empty() ? "" : ", ") + refs;
        if (!tags.empty()) out_ << "  [" << tags << "]";
        out_ << '\n';
        if (!c->reason.empty()) out_ << "         " << terminal_text(c->reason) << '\n';
        if (!c->baseline_comment.empty()) {
          out_ << "         baseline: " << terminal_text(c->baseline_comment) << '\n';
        }
        if (!s.detailed) continue;
        for (const auto& a : c->assertions) {
          if (a.verdict == Verdict::kPass) continue;
          // The reason usually is the first failed assertion already; do not say it twice.
          if (c->reason.rfind(a.id + ": expected " + a.expected + ",", 0) == 0) continue;
          out_ << "         " << terminal_text(a.id) << ": expected " << terminal_text(a.expected)
               << ", actual " << terminal_text(a.actual) << '\n';
        }
      }
    }
    out_ << '\n';
  }

  if (options_.github_actions) {
    for (const auto& c : report.results) {
      if (c.stale_baseline) {
        out_ << "::error title=" << gh_property(c.id) << "::stale baseline entry: expected "
             << (c.baseline ? to_string(*c.baseline) : "FAIL") << ", got " << to_string(c.verdict)
             << '\n';
      } else if (outcome_of(c) == Outcome::kFailed) {
        out_ << "::error title=" << gh_property(c.id) << "::" << gh_data(c.reason) << '\n';
      } else if (c.verdict == Verdict::kWarn) {
        out_ << "::warning title=" << gh_property(c.id) << "::" << gh_data(c.reason) << '\n';
      }
    }
  }
  out_ << closing_line(report) << '\n';
  out_.flush();
}

}  // namespace ock::conformance::report
