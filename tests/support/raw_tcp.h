// A raw TCP client for tests: bytes no well-behaved HTTP client would send (malformed request
// lines, slow or split requests, several requests on one connection), written to 127.0.0.1
// and everything that comes back collected. POSIX sockets only.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace ock::test_support {

// What came back on a raw TCP connection.
struct RawExchange {
  bool connected = false;
  std::string received;  // every byte read before close or timeout
  bool closed_by_peer = false;
  // The status code of the first response line, 0 if none.
  int first_status() const;
};

// A blocking TCP connection to 127.0.0.1:port; -1 if it could not be made. The caller closes it.
int connect_loopback(std::uint16_t port);

// Connects to 127.0.0.1:port, writes `bytes`, then reads until the peer closes or `wait`
// passes (the socket is closed then).
RawExchange raw_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds wait);

// The same with several writes: each chunk is sent, then whatever arrives within `pause` is
// read before the next one, so that each chunk reaches the server in a read of its own. After
// the last chunk, reads until the peer closes or `wait` passes.
RawExchange raw_exchange(std::uint16_t port, const std::vector<std::string>& chunks,
                         std::chrono::milliseconds pause, std::chrono::milliseconds wait);

}  // namespace ock::test_support
