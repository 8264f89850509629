#include "client/loopback_listener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ock::client {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kMaxHead = 16 * 1024;        // a request line and headers, no more
constexpr auto kPerConnection = std::chrono::seconds(5);  // a client that sends nothing

int millis_until(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(left.count());
}

void send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

void answer(int fd, int status, const std::string& reason, const std::string& html) {
  // no-store and no-referrer: the page's URL holds the code, which must not travel further.
  send_all(fd, "HTTP/1.1 " + std::to_string(status) + " " + reason +
                   "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                   std::to_string(html.size()) +
                   "\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n"
                   "Connection: close\r\n\r\n" +
                   html);
}

// Reads the head of one request, or "" when the client sent none in time.
std::string read_head(int fd, Clock::time_point deadline) {
  std::string head;
  char buffer[2048];
  while (head.size() < kMaxHead && head.find("\r\n\r\n") == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, millis_until(deadline));
    if (ready <= 0) break;
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    head.append(buffer, static_cast<std::size_t>(n));
  }
  return head;
}

}  // namespace

LoopbackListener::~LoopbackListener() {
  for (int fd : {fd_, wake_[0], wake_[1]}) {
    if (fd >= 0) ::close(fd);
  }
}

void LoopbackListener::cancel() {
  if (wake_[1] >= 0) {
    char byte = 1;
    [[maybe_unused]] auto n = ::write(wake_[1], &byte, 1);
  }
}

std::string LoopbackListener::open(int port) {
  if (port < 0 || port > 65535) return "the port " + std::to_string(port) + " is not 0-65535";
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return std::string("cannot create a socket: ") + std::strerror(errno);
  if (::pipe2(wake_, O_CLOEXEC) != 0) return std::string("cannot create a pipe: ") + std::strerror(errno);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // 127.0.0.1 only, never another address
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd_, 8) != 0) {
    std::string why = std::strerror(errno);
    ::close(fd_);
    fd_ = -1;
    return "cannot listen on 127.0.0.1:" + std::to_string(port) + " (" + why + ")";
  }
  socklen_t length = sizeof address;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  return "";
}

std::optional<std::string> LoopbackListener::wait_for(const std::string& path,
                                                      std::chrono::seconds timeout,
                                                      std::string& error) {
  if (fd_ < 0) {
    error = "the listener is not open";
    return std::nullopt;
  }
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    pollfd p[2] = {{fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    int ready = ::poll(p, 2, millis_until(deadline));
    if (ready > 0 && (p[1].revents & POLLIN) != 0) {
      error = "cancelled";
      return std::nullopt;
    }
    if (ready == 0) {
      error = "no browser came back to http://127.0.0.1:" + std::to_string(port_) + path +
              " within " + std::to_string(timeout.count()) + " s";
      return std::nullopt;
    }
    if (ready < 0) {
      if (errno == EINTR) continue;
      error = std::string("waiting for the redirect failed: ") + std::strerror(errno);
      return std::nullopt;
    }
    int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    auto connection_deadline = std::min(deadline, Clock::now() + kPerConnection);
    std::string head = read_head(client, connection_deadline);
    // "GET /callback?code=... HTTP/1.1"
    auto line_end = head.find("\r\n");
    std::string line = head.substr(0, line_end);
    auto first = line.find(' ');
    auto second = first == std::string::npos ? first : line.find(' ', first + 1);
    std::string method = line.substr(0, first);
    std::string target = second == std::string::npos
                             ? std::string()
                             : line.substr(first + 1, second - first - 1);
    std::string target_path = target.substr(0, target.find_first_of("?#"));
    if (method == "GET" && target_path == path) {
      answer(client, 200, "OK",
             "<!doctype html><title>oauth-client</title><p>oauth-client received the "
             "authorization response. You can close this window and go back to the "
             "terminal.</p>");
      ::close(client);
      return target;
    }
    answer(client, 404, "Not Found",
           "<!doctype html><title>oauth-client</title><p>Not the redirect URI.</p>");
    ::close(client);
  }
}

}  // namespace ock::client
