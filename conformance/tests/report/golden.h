// Golden-file comparison for the reporter tests: compares rendered bytes with
// conformance/tests/report/golden/<name>, explains the first difference line by line, and
// rewrites the golden instead when OCK_UPDATE_GOLDEN=1. Test-only; std and gtest.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace ock::conformance::report::testing {

// The folder holding the golden files (the source tree, fixed at configure time).
std::filesystem::path golden_dir();

// Where tests may write scratch files and artefacts: $OCK_BINARY_DIR/artifacts or a temp dir.
std::filesystem::path artifacts_dir();

// Success when `actual` equals the golden file byte for byte (or after rewriting it under
// OCK_UPDATE_GOLDEN=1). On mismatch: the first differing line of both sides, and the path of
// the saved actual output with the diff command to run.
::testing::AssertionResult matches_golden(const std::string& actual, const std::string& name);

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);

}  // namespace ock::conformance::report::testing
