// ConnectionFront on its own, over loopback: what it hands over (the client's address, a TLS
// session ready for application data), the cap it keeps, and the handshake deadline. The hand-over
// here is a test sink, not Pistache.
#include "reference-server/http/connection_front.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/raw_tcp.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_certificate.h"

namespace ock::server::http {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

bool closed_by_peer(int fd, milliseconds wait) {
  pollfd p{fd, POLLIN, 0};
  char c;
  return ::poll(&p, 1, static_cast<int>(wait.count())) == 1 && ::recv(fd, &c, 1, 0) <= 0;
}

// Collects what the front hands over; closes it all at the end.
class Sink {
 public:
  ~Sink() {
    for (auto& c : got_) {
      if (c.ssl) SSL_free(c.ssl);
      ::close(c.fd);
    }
  }
  ConnectionFront::HandOver hand_over() {
    return [this](ReadyConnection c) {
      std::lock_guard lock(mu_);
      got_.push_back(std::move(c));
      cv_.notify_all();
    };
  }
  // Waits until `n` connections arrived; false after `wait`.
  bool wait_for(std::size_t n, milliseconds wait = seconds(5)) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, wait, [&] { return got_.size() >= n; });
  }
  std::size_t size() {
    std::lock_guard lock(mu_);
    return got_.size();
  }
  ReadyConnection& at(std::size_t i) {
    std::lock_guard lock(mu_);
    return got_.at(i);
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<ReadyConnection> got_;
};

TEST(ConnectionCapFormulaTest, LeavesRoomForTheRestOfTheProcess) {
  EXPECT_EQ(connection_cap(0, 20000, 30), kDefaultMaxConnections);
  EXPECT_EQ(connection_cap(0, 1024, 40), 1024u - 40u - kDescriptorReserve);
  EXPECT_EQ(connection_cap(50, 1024, 40), 50u);
  EXPECT_EQ(connection_cap(5000, 1024, 40), 1024u - 40u - kDescriptorReserve);
  EXPECT_EQ(connection_cap(0, 60, 40), 1u);  // never 0: the server would refuse everyone
  EXPECT_EQ(connection_cap(0, UINT64_MAX, 10), kDefaultMaxConnections);
}

TEST(ConnectionFrontTest, PlainConnectionIsHandedOverWithTheClientAddress) {
  Sink sink;
  ConnectionFront front(FrontOptions{}, sink.hand_over());
  front.start();
  ASSERT_NE(front.port(), 0);
  const int fd = test_support::connect_loopback(front.port());
  ASSERT_GE(fd, 0);
  sockaddr_in mine{};
  socklen_t len = sizeof mine;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&mine), &len), 0);

  ASSERT_TRUE(sink.wait_for(1));
  ReadyConnection& got = sink.at(0);
  EXPECT_EQ(got.ssl, nullptr);
  EXPECT_EQ(got.peer.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
  EXPECT_EQ(got.peer.sin_port, mine.sin_port);
  EXPECT_EQ(front.open_connections(), 1u);
  got.slot.reset();  // the connection ends
  EXPECT_EQ(front.open_connections(), 0u);
  ::close(fd);
}

TEST(ConnectionFrontTest, ConnectionsBeyondTheCapAreClosedAtOnce) {
  Sink sink;
  FrontOptions o;
  o.max_connections = 2;
  std::vector<std::string> warnings;
  std::mutex mu;
  o.log = [&](const std::string& line) {
    std::lock_guard lock(mu);
    warnings.push_back(line);
  };
  ConnectionFront front(o, sink.hand_over());
  front.start();
  EXPECT_EQ(front.max_connections(), 2u);
  const int a = test_support::connect_loopback(front.port());
  const int b = test_support::connect_loopback(front.port());
  ASSERT_TRUE(sink.wait_for(2));
  const int c = test_support::connect_loopback(front.port());
  EXPECT_TRUE(closed_by_peer(c, seconds(2)));
  EXPECT_EQ(sink.size(), 2u);
  sink.at(0).slot.reset();
  const int d = test_support::connect_loopback(front.port());
  EXPECT_TRUE(sink.wait_for(3)) << "a freed slot is taken again";
  front.stop();
  std::lock_guard lock(mu);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("connection limit reached (2 open)"), std::string::npos) << warnings[0];
  for (int fd : {a, b, c, d}) ::close(fd);
}

class TlsFrontTest : public testing::Test {
 protected:
  void SetUp() override {
    cert_ = dir_.file("cert.pem");
    key_ = dir_.file("key.pem");
    ASSERT_EQ(test_support::make_self_signed_certificate(cert_, key_), "");
  }
  FrontOptions options() const {
    FrontOptions o;
    o.tls_cert = cert_;
    o.tls_key = key_;
    return o;
  }

  test_support::TempDir dir_;
  std::string cert_;
  std::string key_;
};

// A TLS client on a blocking socket: handshake, `say`, then read what comes back.
std::string tls_client_exchange(std::uint16_t port, const std::string& say) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  const int fd = test_support::connect_loopback(port);
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  std::string heard;
  if (SSL_connect(ssl) == 1 && SSL_write(ssl, say.data(), static_cast<int>(say.size())) > 0) {
    char buf[64];
    const int n = SSL_read(ssl, buf, sizeof buf);
    if (n > 0) heard.assign(buf, static_cast<std::size_t>(n));
  }
  SSL_free(ssl);
  ::close(fd);
  SSL_CTX_free(ctx);
  return heard;
}

// The handed-over session goes on as it would for the HTTP layer: non-blocking reads and writes.
std::string read_some(SSL* ssl, int fd) {
  char buf[64];
  for (int i = 0; i < 50; ++i) {
    const int n = SSL_read(ssl, buf, sizeof buf);
    if (n > 0) return std::string(buf, static_cast<std::size_t>(n));
    if (SSL_get_error(ssl, n) != SSL_ERROR_WANT_READ) return "";
    pollfd p{fd, POLLIN, 0};
    ::poll(&p, 1, 100);
  }
  return "";
}

TEST_F(TlsFrontTest, SessionIsReadyForDataWhenHandedOver) {
  Sink sink;
  ConnectionFront front(options(), sink.hand_over());
  front.start();
  std::string heard;
  std::thread client([&] { heard = tls_client_exchange(front.port(), "ping"); });
  ASSERT_TRUE(sink.wait_for(1));
  ReadyConnection& got = sink.at(0);
  ASSERT_NE(got.ssl, nullptr);
  EXPECT_EQ(read_some(got.ssl, got.fd), "ping");
  EXPECT_EQ(SSL_write(got.ssl, "pong", 4), 4);
  client.join();
  EXPECT_EQ(heard, "pong");
}

TEST_F(TlsFrontTest, SilentClientIsDisconnectedAtTheDeadlineAndDelaysNobody) {
  Sink sink;
  FrontOptions o = options();
  o.handshake_timeout = milliseconds(500);
  ConnectionFront front(o, sink.hand_over());
  front.start();
  const auto opened = Clock::now();
  const int silent = test_support::connect_loopback(front.port());
  ASSERT_GE(silent, 0);

  std::string heard;
  std::thread client([&] { heard = tls_client_exchange(front.port(), "ping"); });
  ASSERT_TRUE(sink.wait_for(1, seconds(2))) << "the handshake waited behind a silent client";
  EXPECT_EQ(read_some(sink.at(0).ssl, sink.at(0).fd), "ping");
  SSL_write(sink.at(0).ssl, "pong", 4);
  client.join();

  EXPECT_TRUE(closed_by_peer(silent, seconds(3)));
  const auto took = Clock::now() - opened;
  EXPECT_GE(took, milliseconds(400));
  EXPECT_LT(took, seconds(2));
  EXPECT_EQ(front.open_connections(), 1u) << "the silent client's slot is freed";
  ::close(silent);
}

TEST(ConnectionFrontStartTest, UnusableCertificateOrAddressIsOneSentence) {
  FrontOptions o;
  o.tls_cert = "/nonexistent/cert.pem";
  o.tls_key = "/nonexistent/key.pem";
  ConnectionFront tls(o, [](ReadyConnection) {});
  try {
    tls.start();
    ADD_FAILURE() << "started without a certificate";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot load the TLS certificate"), std::string::npos)
        << e.what();
  }

  ConnectionFront first(FrontOptions{}, [](ReadyConnection) {});
  first.start();
  FrontOptions same;
  same.port = first.port();
  ConnectionFront second(same, [](ReadyConnection) {});
  EXPECT_THROW(second.start(), std::runtime_error);
}

}  // namespace
}  // namespace ock::server::http
