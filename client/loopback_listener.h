// The native app's side of the redirect (RFC 8252 §7.3): a one-shot HTTP listener on
// 127.0.0.1 and a port the system picks, that waits for the browser's GET to the redirect path,
// answers it with a page saying the window may be closed, and hands the request target over.
// POSIX sockets only; it parses nothing of OAuth and bounds every read by size and time.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace ock::client {

class LoopbackListener {
 public:
  LoopbackListener() = default;
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

  // Listens on 127.0.0.1:port (0: a free port). Returns "" or a sentence saying why not.
  std::string open(int port);
  int port() const { return port_; }

  // Waits up to `timeout` for a GET whose path is `path`, answers it 200 and returns its request
  // target ("/callback?code=...&state=..."). Requests for other paths (a browser's favicon)
  // get 404 and the wait goes on. nullopt with `error` set on timeout or a socket failure.
  std::optional<std::string> wait_for(const std::string& path, std::chrono::seconds timeout,
                                      std::string& error);
  // Ends a wait_for running on another thread at once (it returns nullopt, error "cancelled").
  void cancel();

 private:
  int fd_ = -1;
  int wake_[2] = {-1, -1};  // a pipe: cancel() writes, wait_for polls it beside the socket
  int port_ = 0;
};

}  // namespace ock::client
