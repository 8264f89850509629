// Test support: runs a program as a child process with a chosen environment, stdin from a pipe
// (never a terminal), and captures its exit code, stdout and stderr. POSIX only; no OAuth.
// Build paths and temp folders come from the shared tests/support.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ock::client::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when it did not exit normally (signal, timeout)
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs argv[0] (a path) with the parent's environment minus every OAUTH_* variable, plus `env`.
// Kills the child after timeout_ms.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env,
                          const std::string& stdin_text = "", int timeout_ms = 60000);

}  // namespace ock::client::testing
