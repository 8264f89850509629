#include "reference-server/tests/e2e/server_process.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace ock::server::e2e {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

int open_log(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  return fd;
}

ExitStatus decode(int wstatus) {
  ExitStatus s;
  if (WIFEXITED(wstatus)) {
    s.exited = true;
    s.code = WEXITSTATUS(wstatus);
  } else if (WIFSIGNALED(wstatus)) {
    s.signal = WTERMSIG(wstatus);
  }
  return s;
}

// Forks and execs argv with stdout/stderr appended to the given files. Everything the child
// needs is prepared before fork(), since the test process may have other threads.
pid_t spawn(const std::vector<std::string>& argv, const std::string& out_path,
            const std::string& err_path, const std::vector<std::string>& extra_env) {
  int out_fd = open_log(out_path);
  int err_fd = open_log(err_path);
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_store;
  for (char** e = environ; e && *e; ++e) env_store.emplace_back(*e);
  for (const auto& e : extra_env) env_store.push_back(e);
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) {
    // Child: async-signal-safe calls only.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // no orphaned servers if the test process dies
    if (::getppid() != parent) ::_exit(127);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    for (int sig : {SIGPIPE, SIGTERM, SIGINT, SIGHUP}) ::sigaction(sig, &dfl, nullptr);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    ::execvpe(args[0], args.data(), envp.data());
    ::_exit(127);
  }
  ::close(out_fd);
  ::close(err_fd);
  if (null_fd >= 0) ::close(null_fd);
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  return pid;
}

// Waits for `pid` until `deadline`; nullopt if it is still running then.
std::optional<ExitStatus> wait_until(pid_t pid, Clock::time_point deadline) {
  for (;;) {
    int wstatus = 0;
    pid_t r = ::waitpid(pid, &wstatus, WNOHANG);
    if (r == pid) return decode(wstatus);
    if (r < 0 && errno != EINTR) {
      ExitStatus lost;
      lost.code = -1;
      return lost;
    }
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

TempDir::TempDir() {
  std::string base = env_or("TMPDIR", "/tmp") + "/ock-e2e-XXXXXX";
  std::vector<char> buf(base.begin(), base.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data()))
    throw std::runtime_error("mkdtemp failed: " + std::string(std::strerror(errno)));
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::file(const std::string& name) const { return path_ + "/" + name; }

#ifndef OCK_E2E_SOURCE_DIR
#define OCK_E2E_SOURCE_DIR "."
#endif
#ifndef OCK_E2E_BINARY_DIR
#define OCK_E2E_BINARY_DIR "."
#endif
#ifndef OCK_E2E_REFSERVER
#define OCK_E2E_REFSERVER OCK_E2E_BINARY_DIR "/bin/oauth-refserver"
#endif

std::string source_dir() { return env_or("OCK_SOURCE_DIR", OCK_E2E_SOURCE_DIR); }
std::string binary_dir() { return env_or("OCK_BINARY_DIR", OCK_E2E_BINARY_DIR); }
std::string refserver_binary() {
  if (const char* dir = std::getenv("OCK_BINARY_DIR"); dir && *dir)
    return std::string(dir) + "/bin/oauth-refserver";
  return OCK_E2E_REFSERVER;
}
std::string demo_seed() { return source_dir() + "/fixtures/seed/demo.json"; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string ExitStatus::describe() const {
  if (timed_out) return "did not exit in time (killed)";
  if (exited) return "exit code " + std::to_string(code);
  if (signal != 0)
    return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return "unknown status";
}

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          const std::vector<std::string>& extra_env) {
  TempDir tmp;
  CommandResult result;
  pid_t pid = spawn(argv, tmp.file("out"), tmp.file("err"), extra_env);
  auto status = wait_until(pid, Clock::now() + timeout);
  if (!status) {
    ::kill(pid, SIGKILL);
    status = wait_until(pid, Clock::now() + std::chrono::seconds(10));
    if (!status) status = ExitStatus{};
    status->timed_out = true;
  }
  result.status = *status;
  result.out = read_file(tmp.file("out"));
  result.err = read_file(tmp.file("err"));
  return result;
}

ServerProcess::ServerProcess(std::string dir) : dir_(std::move(dir)) {}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !exit_) kill_hard();
}

bool ServerProcess::start(const LaunchOptions& options, std::chrono::milliseconds timeout) {
  if (pid_ > 0 && !exit_) {
    last_error_ = "the server is already running";
    return false;
  }
  last_error_.clear();
  exit_.reset();
  port_ = 0;
  db_ = options.db.empty() ? "sqlite:" + dir_ + "/oauth.db" : options.db;
  const std::string port_file = dir_ + "/port";
  std::error_code ec;
  fs::remove(port_file, ec);

  std::vector<std::string> argv = {refserver_binary(), "serve",  "--listen",
                                   "127.0.0.1:0",      "--db",   db_,
                                   "--port-file",      port_file};
  if (!options.seed.empty()) {
    argv.push_back("--seed");
    argv.push_back(options.seed);
  }
  if (options.pbkdf2_iterations) {
    argv.push_back("--pbkdf2-iterations");
    argv.push_back(std::to_string(*options.pbkdf2_iterations));
  }
  tls_ = false;
  for (const auto& a : options.extra_args) {
    argv.push_back(a);
    if (a == "--tls-cert") tls_ = true;
  }
  if (!fs::exists(argv[0])) {
    last_error_ = "the server binary " + argv[0] + " does not exist (build oauth-refserver first)";
    return false;
  }

  pid_ = spawn(argv, dir_ + "/stdout.log", dir_ + "/stderr.log", {});
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (fs::exists(port_file)) {
      std::string text = read_file(port_file);
      char* end = nullptr;
      unsigned long p = std::strtoul(text.c_str(), &end, 10);
      if (p > 0 && p < 65536) {
        port_ = static_cast<std::uint16_t>(p);
        return true;
      }
    }
    int wstatus = 0;
    if (::waitpid(pid_, &wstatus, WNOHANG) == pid_) {
      exit_ = decode(wstatus);
      last_error_ =
          "the server ended before listening (" + exit_->describe() + "); stderr: " + stderr_text();
      return false;
    }
    if (Clock::now() >= deadline) {
      last_error_ =
          "no port file after " + std::to_string(timeout.count()) + " ms; stderr: " + stderr_text();
      kill_hard();
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

ExitStatus ServerProcess::stop(int sig, std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return ExitStatus{};
  if (exit_) return *exit_;
  ::kill(pid_, sig);
  auto status = wait_until(pid_, Clock::now() + timeout);
  if (!status) {
    ::kill(pid_, SIGKILL);
    status = wait_until(pid_, Clock::now() + std::chrono::seconds(10));
    if (!status) status = ExitStatus{};
    status->timed_out = true;
  }
  exit_ = *status;
  return *exit_;
}

ExitStatus ServerProcess::kill_hard() { return stop(SIGKILL); }

bool ServerProcess::alive() {
  if (pid_ <= 0 || exit_) return false;
  int wstatus = 0;
  pid_t r = ::waitpid(pid_, &wstatus, WNOHANG);
  if (r == pid_) {
    exit_ = decode(wstatus);
    return false;
  }
  return r == 0;
}

std::string ServerProcess::base_url() const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

std::string ServerProcess::stdout_text() const { return read_file(dir_ + "/stdout.log"); }
std::string ServerProcess::stderr_text() const { return read_file(dir_ + "/stderr.log"); }

}  // namespace ock::server::e2e
