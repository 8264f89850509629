// Unit tests of the loopback listener over real sockets on 127.0.0.1: it picks a free port,
// answers stray requests 404 and keeps waiting, hands over the redirect's request target, and
// ends on timeout and on cancel(); a client that connects and sends nothing only delays it.
#include "client/loopback_listener.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <string>
#include <thread>

namespace ock::client {
namespace {

// Sends `request` to 127.0.0.1:port and returns what came back.
std::string exchange(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return "connect failed";
  }
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string reply;
  char buffer[1024];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) reply.append(buffer, n);
  ::close(fd);
  return reply;
}

TEST(LoopbackListenerTest, HandsOverTheRedirectAfterAnsweringStraysWith404) {
  LoopbackListener l;
  ASSERT_EQ(l.open(0), "");
  ASSERT_GT(l.port(), 0);
  auto waiting = std::async(std::launch::async, [&] {
    std::string error;
    auto target = l.wait_for("/callback", std::chrono::seconds(10), error);
    return target.value_or("error: " + error);
  });
  EXPECT_NE(exchange(l.port(), "GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n").find("404"),
            std::string::npos);
  EXPECT_NE(exchange(l.port(), "POST /callback HTTP/1.1\r\nHost: x\r\n\r\n").find("404"),
            std::string::npos);
  const std::string reply =
      exchange(l.port(), "GET /callback?code=abc&state=xyz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(reply.find("HTTP/1.1 200 OK"), std::string::npos) << reply;
  EXPECT_NE(reply.find("Cache-Control: no-store"), std::string::npos);
  EXPECT_NE(reply.find("Referrer-Policy: no-referrer"), std::string::npos);
  EXPECT_EQ(waiting.get(), "/callback?code=abc&state=xyz");
}

TEST(LoopbackListenerTest, TimesOutWithASentenceNamingTheUri) {
  LoopbackListener l;
  ASSERT_EQ(l.open(0), "");
  std::string error;
  EXPECT_FALSE(l.wait_for("/cb", std::chrono::seconds(1), error));
  EXPECT_NE(error.find("http://127.0.0.1:" + std::to_string(l.port()) + "/cb"), std::string::npos)
      << error;
}

TEST(LoopbackListenerTest, CancelEndsTheWaitAtOnce) {
  LoopbackListener l;
  ASSERT_EQ(l.open(0), "");
  auto started = std::chrono::steady_clock::now();
  auto waiting = std::async(std::launch::async, [&] {
    std::string error;
    auto target = l.wait_for("/cb", std::chrono::seconds(30), error);
    return target ? std::string("got one") : error;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  l.cancel();
  EXPECT_EQ(waiting.get(), "cancelled");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

// One connection at a time: a client that sends nothing holds the listener 5 s at most.
TEST(LoopbackListenerTest, ASilentClientOnlyDelaysTheRealRedirect) {
  LoopbackListener l;
  ASSERT_EQ(l.open(0), "");
  int silent = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(l.port()));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(silent, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  auto waiting = std::async(std::launch::async, [&] {
    std::string error;
    return l.wait_for("/cb", std::chrono::seconds(20), error).value_or("error: " + error);
  });
  std::string reply = exchange(l.port(), "GET /cb?code=1 HTTP/1.1\r\n\r\n");
  EXPECT_EQ(waiting.get(), "/cb?code=1");
  ::close(silent);
}

TEST(LoopbackListenerTest, ABusyPortIsASentence) {
  LoopbackListener first;
  ASSERT_EQ(first.open(0), "");
  LoopbackListener second;
  EXPECT_NE(second.open(first.port()).find("cannot listen on 127.0.0.1:"), std::string::npos);
  EXPECT_NE(LoopbackListener().open(70000), "");
}

}  // namespace
}  // namespace ock::client
