// Issue 8 (6) and (9): clients that open connections and then do nothing. A TCP connection that
// never finishes its TLS handshake must not delay anyone else's, and is closed at the handshake
// deadline; beyond --max-connections a new connection is closed at once; and a server out of
// descriptors neither spins nor stops serving once some are free again. The real binary, over
// loopback, with raw sockets for the idle clients and libcurl for the real ones.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "reference-server/tests/e2e/e2e_support.h"
#include "tests/support/test_certificate.h"

namespace ock::server::e2e {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Client sockets of one test, closed when it ends.
class Sockets {
 public:
  ~Sockets() {
    for (int fd : fds_) ::close(fd);
  }
  // A blocking TCP connection to 127.0.0.1:port that sends nothing; -1 if connect failed.
  int open(std::uint16_t port) {
    const int fd = test_support::connect_loopback(port);
    if (fd >= 0) fds_.push_back(fd);
    return fd;
  }
  void close_first(std::size_t n) {
    for (std::size_t i = 0; i < n && !fds_.empty(); ++i) {
      ::close(fds_.front());
      fds_.erase(fds_.begin());
    }
  }
  void close_all() { close_first(fds_.size()); }

 private:
  std::vector<int> fds_;
};

// True when the server ends the connection (EOF or reset) within `wait`; any bytes it sends
// first are read and dropped.
bool closed_by_server(int fd, milliseconds wait) {
  const auto deadline = Clock::now() + wait;
  char buf[512];
  for (;;) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    if (::recv(fd, buf, sizeof buf, 0) <= 0) return true;
  }
}

// User plus system CPU time the process has used, in seconds.
double cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close_paren = stat.rfind(')');
  if (close_paren == std::string::npos) return -1;
  // After "pid (comm)": field 3 (state) ... field 14 utime, field 15 stime.
  std::istringstream fields(stat.substr(close_paren + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i >= 14) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::size_t open_descriptors(pid_t pid) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
    ++n;
  }
  return n;
}

HttpResponse healthz(const RefServerProcess& server, const std::string& ca_file,
                     milliseconds timeout) {
  HttpRequest req;
  req.url = server.url("/healthz");
  req.ca_file = ca_file;
  req.timeout = timeout;
  return send(req);
}

// GET /healthz until one answers 200 or `wait` passes.
testing::AssertionResult answers_again(const RefServerProcess& server, milliseconds wait) {
  const auto deadline = Clock::now() + wait;
  HttpResponse last;
  do {
    last = healthz(server, "", seconds(2));
    if (last.status == 200) return testing::AssertionSuccess();
    std::this_thread::sleep_for(milliseconds(100));
  } while (Clock::now() < deadline);
  return testing::AssertionFailure() << "no 200 from /healthz: " << last.describe();
}

class TlsHandshakeTest : public ServerTest {
 protected:
  void SetUp() override {
    cert_ = dir_.file("cert.pem");
    key_ = dir_.file("key.pem");
    ASSERT_EQ(test_support::make_self_signed_certificate(cert_, key_), "");
  }

  testing::AssertionResult start_tls(std::vector<std::string> more = {}) {
    RefServerOptions o;
    o.extra_args = {"--tls-cert", cert_, "--tls-key", key_};
    o.extra_args.insert(o.extra_args.end(), more.begin(), more.end());
    return start_server(o);
  }

  std::string cert_;
  std::string key_;
};

// Pistache ran each handshake, blocking, in its one accept thread: every silent connection held
// all newcomers for 10 s (20 of them: 200 s).
TEST_F(TlsHandshakeTest, IdleConnectionsDoNotDelayANewClient) {
  ASSERT_TRUE(start_tls());
  Sockets idle;
  for (int i = 0; i < 20; ++i) ASSERT_GE(idle.open(server_.port()), 0);
  std::this_thread::sleep_for(milliseconds(200));  // all accepted, all waiting for a ClientHello
  for (int attempt = 0; attempt < 3; ++attempt) {
    const auto started = Clock::now();
    auto r = healthz(server_, cert_, seconds(10));
    const auto took = Clock::now() - started;
    ASSERT_EQ(r.status, 200) << r.describe();
    EXPECT_LT(took, seconds(2)) << "attempt " << attempt;
  }
  EXPECT_TRUE(server_.alive());
}

TEST_F(TlsHandshakeTest, HalfSentClientHelloIsClosedAtTheHandshakeDeadline) {
  ASSERT_TRUE(start_tls({"--header-timeout", "2"}));
  Sockets clients;
  const int fd = clients.open(server_.port());
  ASSERT_GE(fd, 0);
  // A handshake record announcing 512 bytes, then a ClientHello's first 40 of them.
  std::string partial("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
  partial += std::string(29, '\x2a');
  ASSERT_EQ(::send(fd, partial.data(), partial.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(partial.size()));
  const auto sent = Clock::now();

  // Meanwhile a whole client is served at once.
  auto r = healthz(server_, cert_, seconds(10));
  EXPECT_EQ(r.status, 200) << r.describe();
  EXPECT_LT(Clock::now() - sent, seconds(2));

  EXPECT_TRUE(closed_by_server(fd, seconds(8))) << "still open 8 s after a 2 s deadline";
  const auto took = Clock::now() - sent;
  EXPECT_GE(took, milliseconds(1500)) << "closed before the deadline";
  EXPECT_LT(took, seconds(6));
  EXPECT_EQ(healthz(server_, cert_, seconds(10)).status, 200);
}

// The cap holds before the handshake: a connection beyond it costs no handshake.
TEST_F(TlsHandshakeTest, ConnectionsBeyondTheCapAreClosedBeforeTheHandshake) {
  ASSERT_TRUE(start_tls({"--max-connections", "5"}));
  Sockets idle;
  for (int i = 0; i < 5; ++i) ASSERT_GE(idle.open(server_.port()), 0);
  std::this_thread::sleep_for(milliseconds(200));
  Sockets extra;
  const int fd = extra.open(server_.port());
  ASSERT_GE(fd, 0);
  EXPECT_TRUE(closed_by_server(fd, seconds(2))) << "a sixth connection stayed open";
  EXPECT_FALSE(healthz(server_, cert_, seconds(3)).status == 200);

  idle.close_first(2);  // the server drops their handshakes on EOF
  const auto deadline = Clock::now() + seconds(5);
  HttpResponse r;
  do {
    r = healthz(server_, cert_, seconds(2));
  } while (r.status != 200 && Clock::now() < deadline);
  EXPECT_EQ(r.status, 200) << r.describe();
}

class ConnectionCapTest : public ServerTest {};

TEST_F(ConnectionCapTest, BeyondTheCapNewConnectionsAreClosedAtOnceWithoutBusyLoop) {
  RefServerOptions o;
  o.extra_args = {"--max-connections", "20"};
  ASSERT_TRUE(start_server(o));
  Sockets held;
  for (int i = 0; i < 20; ++i) ASSERT_GE(held.open(server_.port()), 0);
  std::this_thread::sleep_for(milliseconds(300));

  Sockets extra;
  for (int i = 0; i < 10; ++i) {
    const int fd = extra.open(server_.port());
    ASSERT_GE(fd, 0);
    EXPECT_TRUE(closed_by_server(fd, seconds(2))) << "connection " << 21 + i << " stayed open";
  }
  EXPECT_NE(healthz(server_, "", seconds(3)).status, 200) << "a request was served over the cap";

  const double before = cpu_seconds(server_.pid());
  for (int i = 0; i < 20; ++i) {  // more newcomers knocking while the cap is reached
    extra.open(server_.port());
    std::this_thread::sleep_for(milliseconds(100));
  }
  const double used = cpu_seconds(server_.pid()) - before;
  EXPECT_LT(used, 0.3) << "CPU seconds over 2 s at the cap";

  held.close_first(5);
  EXPECT_TRUE(answers_again(server_, seconds(5)));
  EXPECT_TRUE(still_serves(server_));
}

// Without the cap (or with one above the open-file limit) accept() fails with EMFILE; Pistache's
// accept loop then spun at 100% CPU and new clients timed out.
TEST_F(ConnectionCapTest, OutOfDescriptorsTheServerNeitherSpinsNorStops) {
  ASSERT_TRUE(start_server());
  ASSERT_TRUE(still_serves(server_));
  // Room for only a few more descriptors: the server's limit lowered under it.
  // Counted once: soft and hard from two counts could differ by a descriptor the server opened
  // in between, and a soft limit over the hard one is EINVAL.
  const rlim_t room = open_descriptors(server_.pid()) + 4;
  const rlimit low{room, room};
  ASSERT_EQ(::prlimit(server_.pid(), RLIMIT_NOFILE, &low, nullptr), 0) << std::strerror(errno);
  Sockets clients;
  for (int i = 0; i < 30; ++i) ASSERT_GE(clients.open(server_.port()), 0);
  std::this_thread::sleep_for(milliseconds(500));

  const double before = cpu_seconds(server_.pid());
  std::this_thread::sleep_for(seconds(2));
  const double used = cpu_seconds(server_.pid()) - before;
  EXPECT_LT(used, 0.3) << "CPU seconds over 2 s while out of descriptors";
  EXPECT_TRUE(server_.alive()) << "the server " << server_.exit_description()
                               << "; stderr:\n" << server_.stderr_text();

  clients.close_all();
  EXPECT_TRUE(answers_again(server_, seconds(5)));
}

}  // namespace
}  // namespace ock::server::e2e
