#include "client/tests/support/canned_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace ock::client::testing {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int bind_loopback(int& port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    throw std::runtime_error("bind failed");
  }
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port = ntohs(addr.sin_port);
  return fd;
}

// Reads one request: the head up to the blank line, then Content-Length bytes of body.
bool read_request(int fd, CannedRequest& request) {
  std::string data;
  char buffer[4096];
  std::size_t head_end = std::string::npos;
  std::size_t want = 0;
  while (true) {
    if (head_end == std::string::npos) {
      head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        request.head = data.substr(0, head_end);
        const std::string length = request.header("Content-Length");
        want = head_end + 4 + (length.empty() ? 0 : std::stoul(length));
      }
    }
    if (head_end != std::string::npos && data.size() >= want) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 5000) <= 0) return false;
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) return false;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  request.body = data.substr(head_end + 4, want - head_end - 4);
  const auto first_space = request.head.find(' ');
  const auto second_space = request.head.find(' ', first_space + 1);
  request.method = request.head.substr(0, first_space);
  request.path = request.head.substr(first_space + 1, second_space - first_space - 1);
  return true;
}

}  // namespace

std::string CannedRequest::header(const std::string& name) const {
  const std::string want = lower(name) + ":";
  std::size_t start = head.find("\r\n");
  while (start != std::string::npos && start < head.size()) {
    start += 2;
    auto end = head.find("\r\n", start);
    const std::string line = head.substr(start, end == std::string::npos ? end : end - start);
    if (lower(line.substr(0, want.size())) == want) {
      std::string value = line.substr(want.size());
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      return value;
    }
    start = end;
  }
  return {};
}

std::string http_response(int status, const std::string& reason, const std::string& content_type,
                          const std::string& body, const std::string& extra_headers) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
  if (!content_type.empty()) out += "Content-Type: " + content_type + "\r\n";
  out += extra_headers;
  out += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  return out + body;
}

CannedServer::CannedServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = bind_loopback(port_);
  if (listen(listen_fd_, 16) != 0) throw std::runtime_error("listen failed");
  thread_ = std::thread([this] { serve(); });
}

CannedServer::~CannedServer() {
  stop_ = true;
  thread_.join();
  close(listen_fd_);
}

std::vector<CannedRequest> CannedServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

void CannedServer::serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    CannedRequest request;
    if (read_request(fd, request)) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back(request);
      }
      const std::string response = handler_(request);
      std::size_t sent = 0;
      while (sent < response.size()) {
        const ssize_t n = write(fd, response.data() + sent, response.size() - sent);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
      }
    }
    shutdown(fd, SHUT_WR);
    close(fd);
  }
}

int closed_port() {
  int port = 0;
  const int fd = bind_loopback(port);
  close(fd);
  return port;
}

}  // namespace ock::client::testing
