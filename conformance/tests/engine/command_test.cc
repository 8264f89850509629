// Unit tests of engine/command.h (the one unit that runs external commands).
#include "conformance/engine/command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "conformance/tests/checks/canned.h"

namespace ock::conformance::engine {
namespace {

using namespace test_support;  // NOLINT
using ::testing::HasSubstr;

TEST(CaptureCommandOutputTest, ReturnsStdoutOrTheFailure) {
  auto ok = capture_command_output("printf 'line one\\nline two\\n'", "the printf");
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(*ok, "line one\nline two\n");
  auto capped = capture_command_output("printf 0123456789", "the printf", 4);
  ASSERT_TRUE(capped.has_value());
  EXPECT_EQ(*capped, "0123");
  auto failed = capture_command_output("exit 3", "the logs command");
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error(), "the logs command failed (exit status 3)");
}

TEST(RunShellIntoFileTest, ReturnsWhatTheProgramWroteIntoTheFile) {
  auto out = run_shell_into_file("printf 'written here' > {file}; exit 2");
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, "written here");
  auto none = run_shell_into_file("exit 5");
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error(), "wrote no output file (exit status 5)");
}

TEST(ShellQuoteTest, SurvivesSingleQuotes) {
  auto out = capture_command_output("printf %s " + shell_quote("a 'b' $c"), "printf");
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, "a 'b' $c");
}

}  // namespace
}  // namespace ock::conformance::engine
