// End-to-end test support: runs the real oauth-refserver binary (and small helper commands such
// as openssl, curl, sqlite3, python3) as child processes with fork/exec, each in a fresh
// temporary directory, capturing stdout and stderr into files. POSIX only; no gtest, no curl.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ock::server::e2e {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string file(const std::string& name) const;

 private:
  std::string path_;
};

// The repository root and the build tree, from OCK_SOURCE_DIR / OCK_BINARY_DIR (set by ctest),
// falling back to the paths CMake compiled in.
std::string source_dir();
std::string binary_dir();
// ${binary_dir}/bin/oauth-refserver.
std::string refserver_binary();
// fixtures/seed/demo.json of the repository.
std::string demo_seed();

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

// The outcome of a finished child process.
struct ExitStatus {
  bool exited = false;     // true: normal exit with `code`
  int code = -1;           // exit code when `exited`
  int signal = 0;          // terminating signal otherwise
  bool timed_out = false;  // the wait gave up (the child was then killed)
  std::string describe() const;
};

// What a helper command printed and how it ended.
struct CommandResult {
  ExitStatus status;
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH) with `argv`, optional extra environment entries "K=V",
// kills it after `timeout`. Never throws for a failing command; the result says what happened.
CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout = std::chrono::seconds(60),
                          const std::vector<std::string>& extra_env = {});

// How to start one oauth-refserver.
struct LaunchOptions {
  std::string db;                               // "sqlite:PATH"; empty = sqlite:<dir>/oauth.db
  std::string seed = demo_seed();               // empty = no --seed
  std::optional<int> pbkdf2_iterations = 1000;  // nullopt = the server's default
  std::vector<std::string> extra_args;          // appended after the standard flags
};

// One oauth-refserver process listening on 127.0.0.1:<port>. Stopping is explicit; the
// destructor SIGKILLs a server that is still running.
class ServerProcess {
 public:
  // The server's files (port file, logs, and the database unless LaunchOptions::db says
  // otherwise) live in `dir`, which must outlive this object.
  explicit ServerProcess(std::string dir);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Spawns the binary and waits until it has written its port file (or exited, or `timeout`
  // passed). Returns false with a reason in last_error() on failure.
  bool start(const LaunchOptions& options,
             std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // Sends `sig` and waits up to `timeout` for the exit; a server still running then is
  // SIGKILLed and the result has timed_out set.
  ExitStatus stop(int sig, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // SIGKILL, then reap.
  ExitStatus kill_hard();
  // True while the child has not exited (reaps it if it has).
  bool alive();

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
  std::string dir_;
  std::string db_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  bool tls_ = false;
  std::optional<ExitStatus> exit_;
  std::string last_error_;
};

}  // namespace ock::server::e2e
