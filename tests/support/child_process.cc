#include "tests/support/child_process.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "tests/support/temp_dir.h"
#include "tests/support/text_file.h"

extern char** environ;

namespace ock::test_support {
namespace {

using Clock = std::chrono::steady_clock;

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

// In the forked child: async-signal-safe calls only, then exec.
[[noreturn]] void exec_child(pid_t parent, int null_fd, int out_fd, int err_fd, char** args,
                             char** envp) {
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
  ::execvpe(args[0], args, envp);
  ::_exit(127);
}

}  // namespace

std::string ExitStatus::describe() const {
  if (timed_out) return "did not exit in time (killed)";
  if (exited) return "exit code " + std::to_string(code);
  if (signal != 0)
    return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return "unknown status";
}

// Everything the child needs is prepared before fork(), since the test process may have other
// threads.
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
  if (pid == 0) exec_child(parent, null_fd, out_fd, err_fd, args.data(), envp.data());
  ::close(out_fd);
  ::close(err_fd);
  if (null_fd >= 0) ::close(null_fd);
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  return pid;
}

std::optional<ExitStatus> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
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

ExitStatus stop_process(pid_t pid, int sig, std::chrono::milliseconds timeout) {
  ::kill(pid, sig);
  auto status = wait_for_exit(pid, timeout);
  if (!status) {
    ::kill(pid, SIGKILL);
    status = wait_for_exit(pid, std::chrono::seconds(10));
    if (!status) status = ExitStatus{};
    status->timed_out = true;
  }
  return *status;
}

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          const std::vector<std::string>& extra_env) {
  TempDir tmp("ock-command");
  CommandResult result;
  pid_t pid = spawn(argv, tmp.file("out"), tmp.file("err"), extra_env);
  auto status = wait_for_exit(pid, timeout);
  if (!status) {
    status = stop_process(pid, SIGKILL, std::chrono::seconds(10));
    status->timed_out = true;
  }
  result.status = *status;
  result.out = read_file(tmp.file("out"));
  result.err = read_file(tmp.file("err"));
  return result;
}

}  // namespace ock::test_support
