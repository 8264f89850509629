// HttpServer over loopback with a test ApiHandler whose POSTs block: a GET on another connection
// is answered while the POST still hashes (the reactor thread is not the one blocked), replies on
// one connection keep their order when a GET is pipelined behind a slow POST, and a full queue is
// a 503 with Retry-After rather than a wait.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "reference-server/core/api.h"
#include "reference-server/http/http_server.h"
#include "tests/support/http_client.h"
#include "tests/support/raw_tcp.h"

namespace ock::server {
namespace {

using namespace std::chrono_literals;

// GET answers "fast" at once; POST waits until the test releases it (10 s at most) and answers
// "slow".
class BlockingPostApi final : public ApiHandler {
 public:
  ApiReply route(const ApiRequest& req) noexcept override {
    ApiReply reply;
    if (req.method == "POST") {
      std::unique_lock lock(mu_);
      ++posts_waiting_;
      cv_.notify_all();
      cv_.wait_for(lock, 10s, [this] { return released_; });
      reply.body = R"({"answer":"slow"})";
    } else {
      reply.body = R"({"answer":"fast"})";
    }
    return reply;
  }
  void release() {
    std::lock_guard lock(mu_);
    released_ = true;
    cv_.notify_all();
  }
  bool wait_for_posts(int n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, 10s, [&] { return posts_waiting_ >= n; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool released_ = false;
  int posts_waiting_ = 0;
};

HttpOptions one_reactor(int workers, std::size_t max_queued = 256) {
  HttpOptions o;
  o.port = 0;
  o.threads = 1;  // one reactor: before the workers, a blocked POST stalled every connection
  o.request_workers = workers;
  o.max_queued_requests = max_queued;
  o.access_log = false;
  return o;
}

TEST(RequestWorkersHttp, GetIsAnsweredWhileAPostBlocks) {
  BlockingPostApi api;
  HttpServer server(api, one_reactor(2));
  server.start();
  auto post = std::async(std::launch::async, [&] {
    return test_support::post_form(server.url() + "/oauth/token/", "grant_type=password");
  });
  ASSERT_TRUE(api.wait_for_posts(1));
  test_support::HttpRequest get;
  get.url = server.url() + "/healthz";
  get.timeout = 5s;
  auto fast = test_support::send(get);
  api.release();
  EXPECT_EQ(fast.status, 200) << fast.describe();
  EXPECT_NE(fast.body.find("fast"), std::string::npos);
  auto slow = post.get();
  EXPECT_EQ(slow.status, 200) << slow.describe();
  EXPECT_NE(slow.body.find("slow"), std::string::npos);
  server.stop();
}

TEST(RequestWorkersHttp, PipelinedRepliesKeepTheirOrder) {
  BlockingPostApi api;
  HttpServer server(api, one_reactor(2));
  server.start();
  std::thread releaser([&] {
    api.wait_for_posts(1);
    std::this_thread::sleep_for(300ms);  // the GET behind it has been read by now
    api.release();
  });
  const std::string body = "grant_type=password";
  // Two writes: Pistache 0.0.5 parses one request per read and drops what follows it.
  const std::vector<std::string> chunks = {
      "POST /oauth/token/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body,
      "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"};
  auto exchange = test_support::raw_exchange(server.port(), chunks, 50ms, 5s);
  releaser.join();
  const auto slow = exchange.received.find("slow");
  const auto fast = exchange.received.find("fast");
  ASSERT_NE(slow, std::string::npos) << exchange.received;
  ASSERT_NE(fast, std::string::npos) << exchange.received;
  EXPECT_LT(slow, fast) << exchange.received;
  server.stop();
}

TEST(RequestWorkersHttp, FullQueueIs503WithRetryAfter) {
  BlockingPostApi api;
  HttpServer server(api, one_reactor(1, 1));
  server.start();
  auto running = std::async(std::launch::async, [&] {
    return test_support::post_form(server.url() + "/oauth/token/", "grant_type=password");
  });
  ASSERT_TRUE(api.wait_for_posts(1));
  auto waiting = std::async(std::launch::async, [&] {
    return test_support::post_form(server.url() + "/oauth/token/", "grant_type=password");
  });
  // The second POST takes the one queue place; a third is refused at once.
  std::this_thread::sleep_for(300ms);
  auto refused = test_support::post_form(server.url() + "/oauth/token/", "grant_type=password");
  api.release();
  EXPECT_EQ(refused.status, 503) << refused.describe();
  EXPECT_EQ(refused.header("Retry-After").value_or(""), "1");
  EXPECT_NE(refused.body.find("temporarily_unavailable"), std::string::npos);
  EXPECT_EQ(running.get().status, 200);
  EXPECT_EQ(waiting.get().status, 200);
  server.stop();
}

}  // namespace
}  // namespace ock::server
