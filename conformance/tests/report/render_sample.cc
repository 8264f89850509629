// ock_report_render_sample DIR: writes the sample run (every verdict) into DIR as report.html
// and report.json, and the two-target matrix as compare.html, for the headless-browser test.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "conformance/report/compare_report.h"
#include "conformance/report/html_report.h"
#include "conformance/report/json_report.h"
#include "conformance/tests/report/sample_report.h"

namespace {

bool write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) std::fprintf(stderr, "cannot write %s\n", path.c_str());
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  namespace rep = ock::conformance::report;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  const auto report = rep::testing::sample_report();
  const auto other = rep::testing::other_sample_report();
  bool ok = write(dir / "report.html", rep::to_html(report));
  ok = write(dir / "report.json", rep::to_json(report)) && ok;
  ok = write(dir / "compare.html", rep::compare_html({report, other})) && ok;
  return ok ? 0 : 1;
}
