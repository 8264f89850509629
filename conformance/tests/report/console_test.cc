#include "conformance/report/console.h"

#include <gtest/gtest.h>

#include <sstream>

#include "conformance/tests/report/golden.h"
#include "conformance/tests/report/sample_report.h"

namespace ock::conformance::report {
namespace {

using testing::sample_report;

std::string run_console(ConsoleOptions options, const RunReport& report) {
  std::ostringstream out;
  Console console(out, options);
  int done = 0;
  for (const auto& c : report.results) {
    console.progress(done++, static_cast<int>(report.results.size()));
    console.case_finished(c);
  }
  console.finish(report);
  return out.str();
}

std::string last_line(const std::string& s) {
  std::string body = s.substr(0, s.size() - 1);
  return body.substr(body.rfind('\n') + 1);
}

TEST(ConsoleTest, ClosingLineCountsBaselinedFailAsPassedAndStaleAsFailed) {
  // PASS x2 + WARN + baselined FAIL = 4 passed; FAIL + stale + ERROR = 3 failed; 1 SKIP.
  EXPECT_EQ(closing_line(sample_report()), "4 passed, 3 failed, 1 skipped");
  EXPECT_EQ(closing_line(RunReport{}), "0 passed, 0 failed, 0 skipped");
}

TEST(ConsoleTest, ClosingLineCountsAnUnbaselinedOrMismatchedFailAsFailed) {
  RunReport r;
  CaseResult c;
  c.id = "a.b";
  c.verdict = Verdict::kFail;
  r.results.push_back(c);
  c.baseline = Verdict::kWarn;  // the baseline expected something else
  r.results.push_back(c);
  c.baseline = Verdict::kFail;  // expected: passes
  r.results.push_back(c);
  EXPECT_EQ(closing_line(r), "1 passed, 2 failed, 0 skipped");
}

TEST(ConsoleTest, FinishEndsWithThePlainClosingLine) {
  for (bool color : {false, true}) {
    for (bool quiet : {false, true}) {
      const std::string out = run_console(
          {.color = color, .tty = true, .github_actions = true, .quiet = quiet}, sample_report());
      ASSERT_FALSE(out.empty());
      EXPECT_EQ(out.back(), '\n');
      EXPECT_EQ(last_line(out), "4 passed, 3 failed, 1 skipped") << color << quiet;
    }
  }
}

TEST(ConsoleTest, NoColourCodesWhenColourIsOff) {
  const std::string out =
      run_console({.color = false, .tty = true, .github_actions = true}, sample_report());
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  const std::string coloured = run_console({.color = true, .tty = false}, sample_report());
  EXPECT_NE(coloured.find("\x1b[32mPASS \x1b[0m"), std::string::npos);
  EXPECT_NE(coloured.find("\x1b[1;31mFAIL \x1b[0m"), std::string::npos);
}

TEST(ConsoleTest, TargetTextCannotInjectEscapeSequences) {
  RunReport r = sample_report();
  r.results[1].reason =
      "evil \x1b]0;title\x07 \xC2\x9B"
      "31m";
  const std::string out = run_console({.color = false, .tty = false, .github_actions = true}, r);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_EQ(out.find('\x07'), std::string::npos);
  EXPECT_EQ(out.find("\xC2\x9B"), std::string::npos);
  EXPECT_NE(out.find("evil \xE2\x90\x9B]0;title\xE2\x90\x87"), std::string::npos);
}

TEST(ConsoleTest, ProgressBarOnlyOnATty) {
  std::ostringstream tty;
  Console on_tty(tty, {.tty = true});
  on_tty.progress(12, 97);
  EXPECT_EQ(tty.str(), "\r[==>                           ] 12/97");
  on_tty.progress(97, 97);
  EXPECT_NE(tty.str().find("\r[==============================] 97/97"), std::string::npos);

  std::ostringstream plain;
  Console not_tty(plain, {.tty = false});
  not_tty.progress(12, 97);
  EXPECT_EQ(plain.str(), "");

  std::ostringstream quiet;
  Console quiet_tty(quiet, {.tty = true, .quiet = true});
  quiet_tty.progress(12, 97);
  EXPECT_EQ(quiet.str(), "");
}

TEST(ConsoleTest, CaseLineClearsTheProgressBarFirst) {
  std::ostringstream out;
  Console console(out, {.tty = true});
  console.progress(1, 8);
  console.case_finished(sample_report().results[0]);
  const std::string s = out.str();
  const std::string line = "PASS   discovery.metadata.issuer  issuer matches\n";
  ASSERT_GE(s.size(), line.size());
  EXPECT_EQ(s.substr(s.size() - line.size()), line);
  EXPECT_NE(s.find("\r" + std::string(36, ' ') + "\r"),
            std::string::npos);  // "[==>...] 1/8" is 36 wide
}

TEST(ConsoleTest, CaseLineShowsVerdictIdReasonAndBaselineMarks) {
  std::ostringstream out;
  Console console(out, {});
  const RunReport r = sample_report();
  for (const auto& c : r.results) console.case_finished(c);
  const std::string s = out.str();
  EXPECT_NE(s.find("FAIL   password.error.wrong_password  expected 400 invalid_grant, got 200"),
            std::string::npos);
  EXPECT_NE(
      s.find("FAIL   client_auth.wrong_secret  expected 401, got 400  [expected by baseline]"),
      std::string::npos);
  EXPECT_NE(s.find("[stale baseline: expected FAIL]"), std::string::npos);
  EXPECT_NE(s.find("SKIP   refresh.rotation  no refresh token issued"), std::string::npos);
}

TEST(ConsoleTest, GithubAnnotationsForFailuresErrorsStaleAndWarnings) {
  RunReport r = sample_report();
  r.results[4].reason = "100% absent";
  const std::string out = run_console({.github_actions = true}, r);
  EXPECT_NE(out.find("::error title=password.error.wrong_password::expected 400 invalid_grant"),
            std::string::npos);
  EXPECT_NE(out.find("::error title=bearer.header::connection refused"), std::string::npos);
  EXPECT_NE(out.find("::error title=client_auth.basic_challenge::stale baseline entry"),
            std::string::npos);
  EXPECT_NE(out.find("::warning title=token_response.pragma_no_cache::100%25 absent\n"),
            std::string::npos);
  EXPECT_EQ(out.find("title=client_auth.wrong_secret"), std::string::npos);  // baselined
  EXPECT_EQ(run_console({.github_actions = false}, r).find("::error"), std::string::npos);
}

TEST(ConsoleTest, QuietKeepsOnlyAnnotationsAndTheClosingLine) {
  const std::string out = run_console({.github_actions = true, .quiet = true}, sample_report());
  EXPECT_EQ(out.find("PASS "), std::string::npos);
  EXPECT_EQ(out.find("Failures"), std::string::npos);
  EXPECT_NE(out.find("::error title="), std::string::npos);
}

TEST(ConsoleTest, PlainOutputMatchesGolden) {
  EXPECT_TRUE(testing::matches_golden(
      run_console({.color = false, .tty = false, .github_actions = true}, sample_report()),
      "console.txt"));
}

}  // namespace
}  // namespace ock::conformance::report
