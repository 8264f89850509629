// What the runner prints while and after it runs: a progress bar on a terminal, one line per
// finished case, a digest of failures/errors/warnings, GitHub Actions annotations, and the
// closing line `N passed, N failed, N skipped`. Writes only to the std::ostream it is given;
// knows nothing of flags or the environment (the caller decides colour, tty, CI).
#pragma once

#include <ostream>
#include <string>

#include "conformance/model/run_report.h"

namespace ock::conformance::report {

struct ConsoleOptions {
  bool color = false;           // ANSI colours on verdicts (off for --no-color or NO_COLOR)
  bool tty = false;             // a terminal: progress() draws a rewritten bar
  bool github_actions = false;  // emit ::error / ::warning workflow commands in finish()
  bool quiet = false;           // only annotations and the closing line
};

// Not thread-safe: the runner calls it from one thread (or under its own lock).
class Console {
 public:
  using Options = ConsoleOptions;

  Console(std::ostream& out, ConsoleOptions options);

  // On a tty (and not quiet), rewrites one line `[=====>    ] 12/97`; prints nothing otherwise.
  void progress(int done, int total);

  // One line: verdict, id, reason (the skip reason for SKIP), baseline marks; verdict coloured.
  void case_finished(const CaseResult& result);

  // The digest (failures, errors, stale baselines, warnings, expected failures), the GitHub
  // annotations when enabled, then closing_line(report) as the last line.
  void finish(const RunReport& report);

 private:
  void clear_progress();
  std::string paint(const std::string& text, const char* sgr) const;
  std::string verdict_word(const CaseResult& c) const;

  std::ostream& out_;
  ConsoleOptions options_;
  std::size_t progress_width_ = 0;  // columns of the progress line now on screen, 0 if none
};

// "N passed, N failed, N skipped": passed = PASS + WARN + expected (baselined) FAIL, failed =
// unexpected FAIL + ERROR + stale baseline entries, skipped = SKIP. No colour, no newline.
std::string closing_line(const RunReport& report);

}  // namespace ock::conformance::report
