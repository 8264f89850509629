#include "tests/support/raw_tcp.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>

namespace ock::test_support {
namespace {

using Clock = std::chrono::steady_clock;

void send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the peer may close early; read what it said
    sent += static_cast<std::size_t>(n);
  }
}

// Reads into x.received until the peer closes or `wait` passes; false once the peer closed.
bool read_for(int fd, RawExchange& x, std::chrono::milliseconds wait) {
  const auto deadline = Clock::now() + wait;
  char buf[4096];
  for (;;) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return true;
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready <= 0) continue;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      x.closed_by_peer = true;
      return false;
    }
    x.received.append(buf, static_cast<std::size_t>(n));
  }
}

}  // namespace

int connect_loopback(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

int RawExchange::first_status() const {
  // "HTTP/1.1 408 ..." → 408
  if (received.rfind("HTTP/", 0) != 0) return 0;
  auto space = received.find(' ');
  if (space == std::string::npos || space + 4 > received.size()) return 0;
  int code = 0;
  for (std::size_t i = space + 1; i < space + 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(received[i]))) return 0;
    code = code * 10 + (received[i] - '0');
  }
  return code;
}

RawExchange raw_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds wait) {
  return raw_exchange(port, std::vector<std::string>{bytes}, std::chrono::milliseconds(0), wait);
}

RawExchange raw_exchange(std::uint16_t port, const std::vector<std::string>& chunks,
                         std::chrono::milliseconds pause, std::chrono::milliseconds wait) {
  RawExchange x;
  int fd = connect_loopback(port);
  if (fd < 0) return x;
  x.connected = true;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    send_all(fd, chunks[i]);
    const bool last = i + 1 == chunks.size();
    if (!read_for(fd, x, last ? wait : pause)) break;
  }
  ::close(fd);
  return x;
}

}  // namespace ock::test_support
