#include "reference-server/http/connection_front.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <list>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ock::server::http {
namespace {

using Clock = std::chrono::steady_clock;

// How long accepting stops after accept() found the process (or the system) out of descriptors
// or memory: the pending connection stays queued, so accepting again at once would fail again,
// at 100% CPU.
constexpr auto kAcceptPause = std::chrono::milliseconds(100);
// Connections accepted per wake-up, so that a flood of new clients cannot starve the handshakes.
constexpr int kAcceptBatch = 64;
constexpr auto kWarningInterval = std::chrono::seconds(10);

// The open-connection count, shared with the slots so that a slot may outlive the front.
struct Counter {
  std::atomic<std::size_t> open{0};
};

struct Slot {
  explicit Slot(std::shared_ptr<Counter> counter) : counter_(std::move(counter)) {
    counter_->open.fetch_add(1, std::memory_order_relaxed);
  }
  ~Slot() { counter_->open.fetch_sub(1, std::memory_order_relaxed); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  std::shared_ptr<Counter> counter_;
};

std::string openssl_errors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    out += out.empty() ? "" : "; ";
    out += buf;
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

// Descriptors open in this process now.
std::size_t open_descriptors() {
  DIR* dir = ::opendir("/proc/self/fd");
  if (!dir) return 0;
  std::size_t n = 0;
  while (const dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] != '.') ++n;
  }
  ::closedir(dir);
  return n > 0 ? n - 1 : 0;  // not the one opendir used
}

// Errors accept() reports for a connection that is already gone: try the next one.
bool connection_gone(int error) {
  switch (error) {
    case EINTR:
    case ECONNABORTED:
    case EPROTO:
    case EPERM:
    case ENETDOWN:
    case ENOPROTOOPT:
    case EHOSTDOWN:
    case ENONET:
    case EHOSTUNREACH:
    case EOPNOTSUPP:
    case ENETUNREACH:
      return true;
    default:
      return false;
  }
}

struct Handshake {
  int fd;
  SSL* ssl;
  sockaddr_in peer;
  Clock::time_point deadline;
  std::shared_ptr<Slot> slot;
  std::uint32_t events;  // what epoll waits for on fd
};

}  // namespace

std::size_t connection_cap(std::size_t requested, std::uint64_t fd_limit, std::size_t fds_open) {
  const std::size_t wanted = requested == 0 ? kDefaultMaxConnections : requested;
  const std::uint64_t used = static_cast<std::uint64_t>(fds_open) + kDescriptorReserve;
  const std::uint64_t room = fd_limit > used ? fd_limit - used : 0;
  return static_cast<std::size_t>(std::max<std::uint64_t>(1, std::min<std::uint64_t>(wanted, room)));
}

struct ConnectionFront::Impl {
  FrontOptions options;
  HandOver hand_over;
  SSL_CTX* ctx = nullptr;
  int listen_fd = -1;
  int epoll_fd = -1;
  int wake_fd = -1;
  std::uint16_t port = 0;
  std::size_t max_connections = 0;
  std::shared_ptr<Counter> counter = std::make_shared<Counter>();
  std::thread thread;

  // Front thread only from here on.
  std::list<Handshake> handshakes;  // in accept order, which is deadline order
  std::unordered_map<int, std::list<Handshake>::iterator> by_fd;
  bool accepting = false;
  Clock::time_point resume_at{};
  Clock::time_point cap_warned{};
  Clock::time_point fds_warned{};
  bool cap_ever_warned = false;
  bool fds_ever_warned = false;

  void load_certificate();
  void listen_on_address();
  void run();
  int next_timeout_ms(Clock::time_point now) const;
  bool watch_listener(bool on);
  void accept_some();
  void begin_handshake(int fd, const sockaddr_in& peer, std::shared_ptr<Slot> slot);
  void advance(int fd);
  void drop(std::list<Handshake>::iterator it);
  void deliver(int fd, const sockaddr_in& peer, SSL* ssl, std::shared_ptr<Slot> slot);
  void warn(Clock::time_point& last, bool& ever, const std::string& line);
  void close_all();
};

ConnectionFront::ConnectionFront(FrontOptions options, HandOver hand_over)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->hand_over = std::move(hand_over);
}

ConnectionFront::~ConnectionFront() { stop(); }

void ConnectionFront::Impl::load_certificate() {
  ERR_clear_error();
  ctx = SSL_CTX_new(TLS_server_method());
  if (!ctx) throw std::runtime_error("cannot set up TLS: " + openssl_errors());
  // No compression (CRIME); partial writes and moved write buffers, which is how the HTTP layer
  // (Pistache's transport) retries a write that would block; and a connection idle between
  // requests gives its read and write buffers back: 1,000 idle keep-alive TLS connections took
  // 16.8 KiB each instead of 26.1 KiB.
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION);
  SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                            SSL_MODE_RELEASE_BUFFERS);
  if (SSL_CTX_use_certificate_chain_file(ctx, options.tls_cert.c_str()) != 1) {
    throw std::runtime_error("cannot load the TLS certificate \"" + options.tls_cert +
                             "\": " + openssl_errors());
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, options.tls_key.c_str(), SSL_FILETYPE_PEM) != 1) {
    throw std::runtime_error("cannot load the TLS private key \"" + options.tls_key +
                             "\": " + openssl_errors());
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    throw std::runtime_error("the TLS private key does not match the certificate: " +
                             openssl_errors());
  }
}

void ConnectionFront::Impl::listen_on_address() {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(options.port);
  if (inet_pton(AF_INET, options.host.c_str(), &addr.sin_addr) != 1) {
    throw std::runtime_error("\"" + options.host + "\" is not an IPv4 address");
  }
  listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (listen_fd < 0) throw std::runtime_error(std::strerror(errno));
  int one = 1;
  ::setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd, SOMAXCONN) != 0) {
    throw std::runtime_error(std::strerror(errno));
  }
  sockaddr_in bound{};
  socklen_t len = sizeof bound;
  if (::getsockname(listen_fd, reinterpret_cast<sockaddr*>(&bound), &len) != 0) {
    throw std::runtime_error(std::strerror(errno));
  }
  port = ntohs(bound.sin_port);
}

void ConnectionFront::start() {
  Impl& m = *impl_;
  if (m.thread.joinable()) return;
  try {
    if (!m.options.tls_cert.empty()) m.load_certificate();
    m.listen_on_address();
    m.epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
    m.wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m.epoll_fd < 0 || m.wake_fd < 0) throw std::runtime_error(std::strerror(errno));
    epoll_event wake{};
    wake.events = EPOLLIN;
    wake.data.fd = m.wake_fd;
    if (::epoll_ctl(m.epoll_fd, EPOLL_CTL_ADD, m.wake_fd, &wake) != 0) {
      throw std::runtime_error(std::strerror(errno));
    }
    if (!m.watch_listener(true)) throw std::runtime_error(std::strerror(errno));
    // Counted now, once everything else of the server is open: the cap leaves room for it.
    rlimit limit{};
    const std::uint64_t fd_limit =
        ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
            ? static_cast<std::uint64_t>(limit.rlim_cur)
            : UINT64_MAX;
    m.max_connections = connection_cap(m.options.max_connections, fd_limit, open_descriptors());
    if (m.options.max_connections > m.max_connections && m.options.log) {
      m.options.log("--max-connections " + std::to_string(m.options.max_connections) +
                    " is more than the open-file limit (" + std::to_string(fd_limit) +
                    ") leaves room for: at most " + std::to_string(m.max_connections) +
                    " connections");
    }
    m.thread = std::thread([&m] { m.run(); });
  } catch (...) {
    m.close_all();
    throw;
  }
}

std::uint16_t ConnectionFront::port() const { return impl_->port; }

std::size_t ConnectionFront::max_connections() const { return impl_->max_connections; }

std::size_t ConnectionFront::open_connections() const {
  return impl_->counter->open.load(std::memory_order_relaxed);
}

void ConnectionFront::stop() {
  if (!impl_) return;
  Impl& m = *impl_;
  if (m.thread.joinable()) {
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(m.wake_fd, &one, sizeof one);
    m.thread.join();
  }
  m.close_all();
}

void ConnectionFront::Impl::close_all() {
  while (!handshakes.empty()) drop(handshakes.begin());
  for (int* fd : {&listen_fd, &epoll_fd, &wake_fd}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
  if (ctx) SSL_CTX_free(ctx);  // connections handed over keep it alive through their SSL
  ctx = nullptr;
}

void ConnectionFront::Impl::run() {
  std::vector<epoll_event> events(256);
  for (;;) {
    const int n = ::epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()),
                               next_timeout_ms(Clock::now()));
    if (n < 0 && errno != EINTR) return;  // the epoll descriptor itself is broken
    for (int i = 0; i < n; ++i) {
      const int fd = events[static_cast<std::size_t>(i)].data.fd;
      if (fd == wake_fd) return;
      if (fd == listen_fd) {
        accept_some();
      } else {
        advance(fd);
      }
    }
    const auto now = Clock::now();
    while (!handshakes.empty() && handshakes.front().deadline <= now) drop(handshakes.begin());
    if (!accepting && now >= resume_at) watch_listener(true);
  }
}

int ConnectionFront::Impl::next_timeout_ms(Clock::time_point now) const {
  std::optional<Clock::time_point> next;
  if (!handshakes.empty()) next = handshakes.front().deadline;
  if (!accepting) next = next ? std::min(*next, resume_at) : resume_at;
  if (!next) return -1;
  if (*next <= now) return 0;
  // Rounded up, so that the deadline has passed when epoll_wait returns.
  return static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(*next - now).count() + 1);
}

// False when epoll refused (only ENOMEM is possible here); then the next round tries again.
bool ConnectionFront::Impl::watch_listener(bool on) {
  epoll_event ev{};
  ev.events = EPOLLIN;  // level-triggered: connections left queued wake us again
  ev.data.fd = listen_fd;
  if (::epoll_ctl(epoll_fd, on ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, listen_fd, &ev) != 0 && on) {
    resume_at = Clock::now() + kAcceptPause;
    return false;
  }
  accepting = on;
  return true;
}

void ConnectionFront::Impl::warn(Clock::time_point& last, bool& ever, const std::string& line) {
  const auto now = Clock::now();
  if (!options.log || (ever && now - last < kWarningInterval)) return;
  ever = true;
  last = now;
  options.log(line);
}

void ConnectionFront::Impl::accept_some() {
  for (int i = 0; i < kAcceptBatch; ++i) {
    sockaddr_in peer{};
    socklen_t len = sizeof peer;
    const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&peer), &len,
                             SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      const int error = errno;
      if (error == EAGAIN || error == EWOULDBLOCK) return;
      if (connection_gone(error)) continue;
      // EMFILE, ENFILE, ENOBUFS, ENOMEM (or worse): the connection stays queued. Stop
      // watching the listener for a moment rather than fail on it again at once.
      warn(fds_warned, fds_ever_warned,
           std::string("cannot accept connections (") + std::strerror(error) + "): retrying in " +
               std::to_string(kAcceptPause.count()) + " ms");
      watch_listener(false);
      resume_at = Clock::now() + kAcceptPause;
      return;
    }
    if (counter->open.load(std::memory_order_relaxed) >= max_connections) {
      ::close(fd);
      warn(cap_warned, cap_ever_warned,
           "connection limit reached (" + std::to_string(max_connections) +
               " open): new connections are closed until some end");
      continue;
    }
    auto slot = std::make_shared<Slot>(counter);
    if (ctx) {
      begin_handshake(fd, peer, std::move(slot));
    } else {
      deliver(fd, peer, nullptr, std::move(slot));
    }
  }
}

void ConnectionFront::Impl::begin_handshake(int fd, const sockaddr_in& peer,
                                            std::shared_ptr<Slot> slot) {
  SSL* ssl = SSL_new(ctx);
  if (!ssl || SSL_set_fd(ssl, fd) != 1) {
    if (ssl) SSL_free(ssl);
    ERR_clear_error();
    ::close(fd);
    return;
  }
  SSL_set_accept_state(ssl);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = fd;
  if (::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev) != 0) {
    SSL_free(ssl);
    ::close(fd);
    return;
  }
  handshakes.push_back(
      Handshake{fd, ssl, peer, Clock::now() + options.handshake_timeout, std::move(slot), EPOLLIN});
  by_fd[fd] = std::prev(handshakes.end());
  advance(fd);  // the ClientHello may be here already
}

void ConnectionFront::Impl::advance(int fd) {
  auto found = by_fd.find(fd);
  if (found == by_fd.end()) return;
  auto it = found->second;
  ERR_clear_error();
  const int r = SSL_do_handshake(it->ssl);
  if (r == 1) {
    ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
    SSL* ssl = it->ssl;
    const sockaddr_in peer = it->peer;
    std::shared_ptr<Slot> slot = std::move(it->slot);
    by_fd.erase(found);
    handshakes.erase(it);
    deliver(fd, peer, ssl, std::move(slot));
    return;
  }
  const int error = SSL_get_error(it->ssl, r);
  std::uint32_t want = 0;
  if (error == SSL_ERROR_WANT_READ) want = EPOLLIN;
  if (error == SSL_ERROR_WANT_WRITE) want = EPOLLOUT;
  if (want == 0) {  // a failed handshake, or the client went away
    ERR_clear_error();
    drop(it);
    return;
  }
  if (want != it->events) {
    epoll_event ev{};
    ev.events = want;
    ev.data.fd = fd;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_MOD, fd, &ev);
    it->events = want;
  }
}

void ConnectionFront::Impl::drop(std::list<Handshake>::iterator it) {
  const int fd = it->fd;
  SSL* ssl = it->ssl;
  ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
  by_fd.erase(fd);
  handshakes.erase(it);  // and its slot: counted out before the client can see the close
  SSL_free(ssl);
  ::close(fd);
}

void ConnectionFront::Impl::deliver(int fd, const sockaddr_in& peer, SSL* ssl,
                                    std::shared_ptr<Slot> slot) {
  try {
    hand_over(ReadyConnection{fd, peer, ssl, std::move(slot)});
  } catch (...) {
    // The receiver owns the connection even when it throws; the front goes on accepting.
  }
}

}  // namespace ock::server::http
