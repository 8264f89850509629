#include "conformance/tests/report/golden.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace ock::conformance::report::testing {
namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(s);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// A line as a human reads it in a terminal: control bytes spelled out.
std::string printable(const std::string& line) {
  std::string out;
  for (char c : line) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", b);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::filesystem::path golden_dir() { return OCK_REPORT_GOLDEN_DIR; }

std::filesystem::path artifacts_dir() {
  const char* bin = std::getenv("OCK_BINARY_DIR");
  std::filesystem::path dir = bin != nullptr && *bin != '\0'
                                  ? std::filesystem::path(bin) / "artifacts"
                                  : std::filesystem::temp_directory_path() / "ock-report-artifacts";
  std::filesystem::create_directories(dir);
  return dir;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

::testing::AssertionResult matches_golden(const std::string& actual, const std::string& name) {
  const auto golden = golden_dir() / name;
  const char* update = std::getenv("OCK_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    write_file(golden, actual);
    return ::testing::AssertionSuccess() << "rewrote " << golden;
  }
  if (!std::filesystem::exists(golden)) {
    return ::testing::AssertionFailure()
           << "golden file " << golden << " is missing; run the test with OCK_UPDATE_GOLDEN=1 "
           << "to create it, then review and commit it";
  }
  const std::string expected = read_file(golden);
  if (expected == actual) return ::testing::AssertionSuccess();

  const auto saved = artifacts_dir() / "golden" / (name + ".actual");
  write_file(saved, actual);
  auto want = lines_of(expected);
  auto got = lines_of(actual);
  std::size_t n = 0;
  while (n < want.size() && n < got.size() && want[n] == got[n]) ++n;
  auto show = [](const std::vector<std::string>& v, std::size_t i) {
    return i < v.size() ? "\"" + printable(v[i]) + "\"" : std::string("<end of file>");
  };
  return ::testing::AssertionFailure()
         << name << " differs from its golden file at line " << (n + 1) << ":\n"
         << "  golden: " << show(want, n) << "\n"
         << "  actual: " << show(got, n) << "\n"
         << "(" << want.size() << " golden lines, " << got.size() << " actual lines)\n"
         << "full diff:  diff -u " << golden << " " << saved << "\n"
         << "if the change is intended: OCK_UPDATE_GOLDEN=1 ctest -R <this test>, then review "
            "the golden diff";
}

}  // namespace ock::conformance::report::testing
