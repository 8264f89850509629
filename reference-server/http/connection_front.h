// ConnectionFront: the server's public listening socket. It accepts every client connection,
// closes at once those beyond the connection cap, runs TLS handshakes without blocking (any number
// at once, each with a deadline), stops accepting for a moment instead of spinning when the
// process is out of descriptors, and hands each ready connection to whoever serves HTTP on it.
// std, POSIX sockets and OpenSSL only: nothing of HTTP, Pistache or core.
#pragma once

#include <netinet/in.h>
#include <openssl/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace ock::server::http {

// The cap when none is asked for, and the descriptors kept free for everything but clients
// (database files, Pistache's timers, a log file opened later).
inline constexpr std::size_t kDefaultMaxConnections = 10'000;
inline constexpr std::size_t kDescriptorReserve = 64;

// The connection cap for an open-file limit of `fd_limit` with `fds_open` descriptors already in
// use: `requested` (kDefaultMaxConnections when 0), but never more than the limit leaves room for
// after kDescriptorReserve, and at least 1.
std::size_t connection_cap(std::size_t requested, std::uint64_t fd_limit, std::size_t fds_open);

struct FrontOptions {
  std::string host = "127.0.0.1";  // an IPv4 address
  std::uint16_t port = 0;          // 0 picks a free port
  std::string tls_cert;            // PEM paths; both empty = plain TCP, handed over on accept
  std::string tls_key;
  // A client that has not finished its TLS handshake by then is disconnected.
  std::chrono::milliseconds handshake_timeout = std::chrono::seconds(10);
  // Open client connections (handshakes included) at most; 0 = connection_cap(0, limit, in use)
  // at start(). A larger value is lowered to what the open-file limit leaves room for.
  std::size_t max_connections = 0;
  // Operational warnings (cap reached, out of descriptors), one line each, at most one of each
  // kind every 10 s. May be empty.
  std::function<void(const std::string&)> log;
};

// A connection ready for HTTP. The receiver owns `fd` (non-blocking, close-on-exec) and `ssl`
// (nullptr for plain TCP; its handshake is done) from the moment it is called, whatever happens,
// and must keep `slot` for exactly as long as the connection is open: the front counts open
// connections by their live slots.
struct ReadyConnection {
  int fd = -1;
  sockaddr_in peer{};  // the client's address
  SSL* ssl = nullptr;
  std::shared_ptr<void> slot;
};

class ConnectionFront {
 public:
  // Called on the front's thread, once per connection; it must not block.
  using HandOver = std::function<void(ReadyConnection)>;

  ConnectionFront(FrontOptions options, HandOver hand_over);
  ~ConnectionFront();  // stop()
  ConnectionFront(const ConnectionFront&) = delete;
  ConnectionFront& operator=(const ConnectionFront&) = delete;

  // Loads the certificate, binds, listens and starts the front's thread. Throws
  // std::runtime_error with one sentence when the certificate or the address cannot be used.
  void start();
  // The bound port (after start()).
  std::uint16_t port() const;
  // The cap in force (after start()).
  std::size_t max_connections() const;
  // Client connections open now: in their handshake or handed over and not yet let go.
  std::size_t open_connections() const;
  // Stops accepting, disconnects the handshakes in progress and joins the thread. Connections
  // already handed over are not touched.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ock::server::http
