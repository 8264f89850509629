// HTTP/1.1 message framing as a client on a raw socket sees it: a HEAD response carries no
// content (RFC 9110 §9.3.2, RFC 9112 §6.3), and a server that announces "Connection: close"
// closes the connection after that response (RFC 9112 §9.6).
#include <gtest/gtest.h>

#include <cctype>
#include <thread>

#include "reference-server/tests/e2e/e2e_support.h"

namespace ock::server::e2e {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Bytes after the first header block.
std::string after_headers(const std::string& wire) {
  auto end = wire.find("\r\n\r\n");
  return end == std::string::npos ? "" : wire.substr(end + 4);
}

class HttpSemanticsTest : public ServerTest {};

TEST_F(HttpSemanticsTest, HeadResponseHasNoContent) {
  ASSERT_TRUE(start_server());
  const std::vector<std::string> paths = {"/healthz", "/.well-known/oauth-authorization-server",
                                          "/oauth/token/"};
  std::vector<RawExchange> results(paths.size());
  std::vector<std::thread> clients;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    clients.emplace_back([&, i] {
      results[i] =
          raw_exchange(server_.port(), "HEAD " + paths[i] + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                       std::chrono::milliseconds(1500));
    });
  }
  for (auto& t : clients) t.join();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    ASSERT_NE(results[i].first_status(), 0) << "HEAD " << paths[i] << ": no response";
    EXPECT_LT(results[i].first_status(), 500) << results[i].received;
    EXPECT_EQ(after_headers(results[i].received), "")
        << "HEAD " << paths[i] << " got content after the headers:\n"
        << testing::PrintToString(results[i].received);
  }
  EXPECT_TRUE(still_serves(server_));
}

TEST_F(HttpSemanticsTest, AnnouncedCloseIsHonoured) {
  ASSERT_TRUE(start_server());
  const std::vector<std::string> requests = {
      "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
      "GET /healthz HTTP/1.0\r\n\r\n",
  };
  std::vector<RawExchange> results(requests.size());
  std::vector<std::thread> clients;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    clients.emplace_back([&, i] {
      results[i] = raw_exchange(server_.port(), requests[i], std::chrono::seconds(3));
    });
  }
  for (auto& t : clients) t.join();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const RawExchange& x = results[i];
    ASSERT_EQ(x.first_status(), 200) << testing::PrintToString(x.received);
    const std::string head = lower(x.received.substr(0, x.received.find("\r\n\r\n")));
    if (head.find("\r\nconnection: close") != std::string::npos) {
      EXPECT_TRUE(x.closed_by_peer)
          << "the response announced Connection: close but the connection stayed open for 3 s; "
          << "request " << testing::PrintToString(requests[i]) << ", response "
          << testing::PrintToString(x.received);
    }
  }
}

}  // namespace
}  // namespace ock::server::e2e
