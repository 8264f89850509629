// Test support: runs a program on a pseudo-terminal, so that it sees a terminal on stdin, and
// answers its prompts from a script. For the no-echo prompt and the walkthrough's pauses.
// POSIX forkpty only; no OAuth knowledge.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ock::client::testing {

struct PtyResult {
  int exit_code = -1;
  bool timed_out = false;
  std::string transcript;  // everything the terminal showed (stdout and stderr together)
};

// For each (wait_for, reply): waits until `wait_for` has appeared in the transcript, then types
// `reply`. Then reads until the program exits. Environment as in run_process.
PtyResult run_on_pty(const std::vector<std::string>& argv,
                     const std::map<std::string, std::string>& env,
                     const std::vector<std::pair<std::string, std::string>>& script,
                     int timeout_ms = 60000);

}  // namespace ock::client::testing
