#include "tests/support/refserver_process.h"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "tests/support/text_file.h"

namespace ock::test_support {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The port in a port file, 0 while it is missing, empty or half written.
std::uint16_t port_in(const std::string& port_file) {
  if (!fs::exists(port_file)) return 0;
  std::string text = read_file(port_file);
  char* end = nullptr;
  unsigned long p = std::strtoul(text.c_str(), &end, 10);
  return p > 0 && p < 65536 ? static_cast<std::uint16_t>(p) : 0;
}

}  // namespace

RefServerProcess::RefServerProcess(std::string dir) : dir_(std::move(dir)) {}

RefServerProcess::~RefServerProcess() {
  if (pid_ > 0 && !exit_) kill_hard();
}

std::vector<std::string> RefServerProcess::command_line(const RefServerOptions& options,
                                                        const std::string& port_file) {
  std::vector<std::string> argv = {program_path("oauth-refserver"), "serve",  "--listen",
                                   "127.0.0.1:0", "--db", db_, "--port-file", port_file};
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
  return argv;
}

bool RefServerProcess::start(const RefServerOptions& options, std::chrono::milliseconds timeout) {
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
  std::vector<std::string> argv = command_line(options, port_file);
  if (!fs::exists(argv[0])) {
    last_error_ = "the server binary " + argv[0] + " does not exist (build oauth-refserver first)";
    return false;
  }
  pid_ = spawn(argv, dir_ + "/stdout.log", dir_ + "/stderr.log");
  return wait_for_port(port_file, timeout);
}

bool RefServerProcess::wait_for_port(const std::string& port_file,
                                     std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if ((port_ = port_in(port_file)) != 0) return true;
    if (auto status = wait_for_exit(pid_, std::chrono::milliseconds(0))) {
      exit_ = status;
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

ExitStatus RefServerProcess::stop(int sig, std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return ExitStatus{};
  if (exit_) return *exit_;
  exit_ = stop_process(pid_, sig, timeout);
  return *exit_;
}

ExitStatus RefServerProcess::kill_hard() { return stop(SIGKILL); }

bool RefServerProcess::alive() {
  if (pid_ <= 0 || exit_) return false;
  exit_ = wait_for_exit(pid_, std::chrono::milliseconds(0));
  return !exit_;
}

std::string RefServerProcess::base_url() const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

std::string RefServerProcess::stdout_text() const { return read_file(dir_ + "/stdout.log"); }
std::string RefServerProcess::stderr_text() const { return read_file(dir_ + "/stderr.log"); }

}  // namespace ock::test_support
