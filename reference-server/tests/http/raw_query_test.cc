// The query string reaches the core exactly as the client sent it, over real HTTP on
// 127.0.0.1: repeated and reordered parameters kept, nothing decoded, also when the request
// line arrives in pieces and when several requests share one connection. The core is a
// recording ApiHandler here, so the test sees precisely what HttpServer hands over.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "reference-server/core/api.h"
#include "reference-server/http/http_server.h"
#include "tests/support/http_client.h"
#include "tests/support/raw_tcp.h"

namespace ock::server {
namespace {

using ::testing::ElementsAre;

// Answers 200 to everything and remembers what it was asked.
class RecordingApi final : public ApiHandler {
 public:
  ApiReply route(const ApiRequest& req) noexcept override {
    std::lock_guard lock(mu_);
    seen_.push_back(req);
    ApiReply reply;
    reply.body = "{}";
    return reply;
  }
  std::vector<ApiRequest> seen() {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  std::mutex mu_;
  std::vector<ApiRequest> seen_;
};

class RawQueryTest : public ::testing::Test {
 protected:
  RawQueryTest() : server_(api_, options()) { server_.start(); }
  ~RawQueryTest() override { server_.stop(); }

  static HttpOptions options() {
    HttpOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 2;
    o.access_log = false;
    return o;
  }
  // The query the core saw for one GET of `target` (path and query, as sent).
  std::string query_seen_for(const std::string& target) {
    auto before = api_.seen().size();
    auto r = test_support::get(server_.url() + target);
    EXPECT_TRUE(r.ok()) << r.describe();
    EXPECT_EQ(r.status, 200) << r.describe();
    auto seen = api_.seen();
    if (seen.size() != before + 1) {
      ADD_FAILURE() << "the core saw " << seen.size() - before << " requests";
      return "<none>";
    }
    return seen.back().query;
  }

  RecordingApi api_;
  HttpServer server_;
};

TEST_F(RawQueryTest, RepeatedParametersReachTheCoreUntouched) {
  EXPECT_EQ(query_seen_for("/api/users/?a=1&a=2"), "a=1&a=2");
}

TEST_F(RawQueryTest, ParameterOrderIsKept) {
  EXPECT_EQ(query_seen_for("/api/users/?b=2&a=1"), "b=2&a=1");
  EXPECT_EQ(query_seen_for("/oauth/token/?z=1&y=2&x=3&y=4"), "z=1&y=2&x=3&y=4");
}

TEST_F(RawQueryTest, EncodingAndOddShapesAreNotTouched) {
  EXPECT_EQ(query_seen_for("/p?a=%20x+y&&=v&flag&a=%zz"), "a=%20x+y&&=v&flag&a=%zz");
  EXPECT_EQ(query_seen_for("/p?"), "");
  EXPECT_EQ(query_seen_for("/p"), "");
  EXPECT_EQ(api_.seen().back().path, "/p");
}

TEST_F(RawQueryTest, RequestLineSplitOverSeveralReadsAndKeepAliveRequests) {
  const std::string tail = " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";
  auto x = test_support::raw_exchange(
      server_.port(),
      {"GET /first?a=1", "&a=2" + tail, "GET /second?b=2&a=1" + tail, "GET /third" + tail},
      std::chrono::milliseconds(300), std::chrono::milliseconds(300));
  ASSERT_TRUE(x.connected);
  std::vector<std::string> queries;
  for (const auto& req : api_.seen()) queries.push_back(req.path + " " + req.query);
  EXPECT_THAT(queries, ElementsAre("/first a=1&a=2", "/second b=2&a=1", "/third "));
}

}  // namespace
}  // namespace ock::server
