// The real oauth-refserver binary as a child process, for every C++ test that needs it: started
// with `serve --listen 127.0.0.1:0 --port-file ...` (plus the caller's flags), ready once its
// port file holds the bound port, stopped with a signal. Talks to it only as a process; links
// nothing of reference-server/. POSIX only.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/build_paths.h"
#include "tests/support/child_process.h"

namespace ock::test_support {

// How to start one oauth-refserver.
struct RefServerOptions {
  std::string db;                               // "sqlite:PATH"; empty = sqlite:<dir>/oauth.db
  std::string seed = demo_seed();               // empty = no --seed
  std::optional<int> pbkdf2_iterations = 1000;  // nullopt = the server's default
  std::vector<std::string> extra_args;          // appended after the standard flags
};

// One oauth-refserver process listening on 127.0.0.1:<port>. Stopping is explicit; the
// destructor SIGKILLs a server that is still running.
class RefServerProcess {
 public:
  // The server's files (port file, stdout.log, stderr.log, and the database unless
  // RefServerOptions::db says otherwise) live in `dir`, which must outlive this object.
  explicit RefServerProcess(std::string dir);
  ~RefServerProcess();
  RefServerProcess(const RefServerProcess&) = delete;
  RefServerProcess& operator=(const RefServerProcess&) = delete;

  // Spawns program_path("oauth-refserver") and waits until it has written its port file (or
  // exited, or `timeout` passed). Returns false with a reason in last_error() on failure.
  bool start(const RefServerOptions& options = {},
             std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // Sends `sig` and waits up to `timeout` for the exit; a server still running then is
  // SIGKILLed and the result has timed_out set.
  ExitStatus stop(int sig, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // SIGKILL, then reap.
  ExitStatus kill_hard();
  // True while the child has not exited (reaps it if it has).
  bool alive();
  // How the child ended ("exited with code 1", "killed by signal 6 ..."), or "still running".
  std::string exit_description() const { return exit_ ? exit_->describe() : "still running"; }

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT".
  std::string base_url() const;
  std::string url(const std::string& path) const { return base_url() + path; }
  bool tls() const { return tls_; }
  // The database URL the server was started with.
  const std::string& db() const { return db_; }
  // Everything the server wrote so far, over all its starts.
  std::string stdout_text() const;
  std::string stderr_text() const;
  const std::string& last_error() const { return last_error_; }

 private:
  std::vector<std::string> command_line(const RefServerOptions& options,
                                        const std::string& port_file);
  bool wait_for_port(const std::string& port_file, std::chrono::milliseconds timeout);

  std::string dir_;
  std::string db_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  bool tls_ = false;
  std::optional<ExitStatus> exit_;
  std::string last_error_;
};

}  // namespace ock::test_support
