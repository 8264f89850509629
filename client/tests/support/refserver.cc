#include "client/tests/support/refserver.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "client/tests/support/process.h"

namespace ock::client::testing {

RefServer::~RefServer() {
  stop();
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

std::string RefServer::start() {
  const std::string binary = binary_path("oauth-refserver");
  struct stat st {};
  if (stat(binary.c_str(), &st) != 0) {
    return "oauth-refserver not built: " + binary + " does not exist";
  }
  const std::string seed = source_dir() + "/fixtures/seed/demo.json";
  if (stat(seed.c_str(), &st) != 0) return "the seed file " + seed + " does not exist";
  dir_ = make_temp_dir();
  const std::string port_file = dir_ + "/port";
  const std::string log_file = dir_ + "/server.log";
  std::vector<std::string> args = {binary,        "serve",       "--listen",
                                   "127.0.0.1:0", "--db",        "sqlite:" + dir_ + "/ref.db",
                                   "--seed",      seed,          "--pbkdf2-iterations",
                                   "1000",        "--port-file", port_file};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ == 0) {
    const int log = open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) {
      port_ = port;
      return {};
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::ifstream log(log_file);
      std::stringstream text;
      text << log.rdbuf();
      return "oauth-refserver exited before listening: " + text.str();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop();
  return "oauth-refserver did not write its port file within 30 s";
}

void RefServer::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace ock::client::testing
