// Test support: starts the real reference server ($OCK_BINARY_DIR/bin/oauth-refserver) on a
// free loopback port with a fresh SQLite file seeded from fixtures/seed/demo.json, and stops it
// with SIGTERM. Talks to it only as a child process; links nothing of reference-server/.
#pragma once

#include <sys/types.h>

#include <string>

namespace ock::client::testing {

class RefServer {
 public:
  RefServer() = default;
  ~RefServer();
  RefServer(const RefServer&) = delete;
  RefServer& operator=(const RefServer&) = delete;

  // Starts the server and waits (up to 30 s) for its port file. Returns "" or why it failed,
  // e.g. "oauth-refserver not built: /path/bin/oauth-refserver does not exist".
  std::string start();
  void stop();

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& dir() const { return dir_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string dir_;
};

}  // namespace ock::client::testing
