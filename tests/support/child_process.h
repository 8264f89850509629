// Child processes for tests: fork/exec with stdout and stderr appended to files, waiting with
// a deadline, stopping with a signal (SIGKILL after a grace period), and running a helper
// command (openssl, curl, sqlite3, python3, ...) to completion. POSIX only; no gtest, no curl.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ock::test_support {

// The outcome of a finished child process.
struct ExitStatus {
  bool exited = false;     // true: normal exit with `code`
  int code = -1;           // exit code when `exited`
  int signal = 0;          // terminating signal otherwise
  bool timed_out = false;  // the wait gave up (the child was then killed)
  std::string describe() const;
};

// Starts argv[0] (looked up in PATH) with the parent's environment plus `extra_env` ("K=V"),
// stdin from /dev/null, stdout and stderr appended to the given files. The child dies with the
// test process. Throws std::runtime_error when the files cannot be opened or fork fails.
pid_t spawn(const std::vector<std::string>& argv, const std::string& out_path,
            const std::string& err_path, const std::vector<std::string>& extra_env = {});

// Reaps `pid` if it has exited within `timeout`; nullopt while it still runs.
std::optional<ExitStatus> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout);

// Sends `sig` and waits up to `timeout`; a child still running then is SIGKILLed and the
// result has timed_out set.
ExitStatus stop_process(pid_t pid, int sig, std::chrono::milliseconds timeout);

// What a helper command printed and how it ended.
struct CommandResult {
  ExitStatus status;
  std::string out;
  std::string err;
};

// Runs a command to completion (killed after `timeout`). Never throws for a failing command;
// the result says what happened.
CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout = std::chrono::seconds(60),
                          const std::vector<std::string>& extra_env = {});

}  // namespace ock::test_support
