// Every named check of checks/<subject>.h is exercised by tests/checks/<subject>_test.cc, at least
// twice (its passing and its failing shape), so that a new check cannot land without a test.
// Reads the repository's own sources (OCK_TEST_SOURCE_DIR), nothing else.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::size_t count_calls(const std::string& text, const std::string& name) {
  std::regex call("\\b" + name + "\\(");
  return static_cast<std::size_t>(
      std::distance(std::sregex_iterator(text.begin(), text.end(), call), std::sregex_iterator()));
}

TEST(CheckCoverageTest, EveryCheckHasAPassingAndAFailingTest) {
  const fs::path root = fs::path(OCK_TEST_SOURCE_DIR) / "conformance";
  std::regex decl(R"(^(?:bool|void) ((?:expect|require)_\w+)\()", std::regex::multiline);
  std::size_t checks = 0;
  for (const auto& entry : fs::directory_iterator(root / "checks")) {
    if (entry.path().extension() != ".h") continue;
    const std::string header = read(entry.path());
    const auto test = root / "tests" / "checks" / (entry.path().stem().string() + "_test.cc");
    const std::string tests = fs::exists(test) ? read(test) : "";
    for (auto it = std::sregex_iterator(header.begin(), header.end(), decl);
         it != std::sregex_iterator(); ++it) {
      ++checks;
      const std::string name = (*it)[1];
      EXPECT_GE(count_calls(tests, name), 2u)
          << name << " (" << entry.path().filename().string() << ") needs a passing and a failing "
          << "test in " << test.filename().string();
    }
  }
  EXPECT_GT(checks, 50u);
}

}  // namespace
