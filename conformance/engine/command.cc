#include "conformance/engine/command.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace ock::conformance::engine {
namespace {

std::string temp_path() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  auto name = "ock-run-" + std::to_string(rng()) + ".out";
  return (std::filesystem::temp_directory_path() / name).string();
}

std::string replace_all(std::string text, std::string_view what, const std::string& with) {
  for (auto pos = text.find(what); pos != std::string::npos;
       pos = text.find(what, pos + with.size())) {
    text.replace(pos, what.size(), with);
  }
  return text;
}

}  // namespace

std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

Result<CommandRun, std::string> run_shell(const std::string& command, std::size_t cap) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return fail(std::string("could not start"));
  CommandRun run;
  char buf[65536];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) {
    if (run.output.size() < cap) run.output.append(buf, std::min(n, cap - run.output.size()));
  }
  int status = ::pclose(pipe);
  if (status == -1) return fail(std::string("could not wait"));
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

Result<std::string, std::string> capture_command_output(const std::string& command,
                                                        std::string_view what, std::size_t cap) {
  auto run = run_shell(command, cap);
  if (!run) return fail(run.error() + " (" + std::string(what) + ")");
  if (run->exit_status != 0) {
    return fail(std::string(what) + " failed (exit status " + std::to_string(run->exit_status) +
                ")");
  }
  return std::move(run->output);
}

Result<std::string, std::string> run_shell_into_file(const std::string& command) {
  const std::string path = temp_path();
  auto run = run_shell(replace_all(command, "{file}", shell_quote(path)));
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail("wrote no output file (exit status " + std::to_string(run ? run->exit_status : -1) +
                ")");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::error_code ec;
  std::filesystem::remove(path, ec);
  return ss.str();
}

}  // namespace ock::conformance::engine
