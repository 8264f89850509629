// Unit tests of checks/comparison.h: replies that must not be told apart, each check in its
// passing and its failing shape.
#include "conformance/checks/comparison.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "conformance/tests/checks/canned.h"

namespace ock::conformance::checks {
namespace {

using namespace engine;        // NOLINT
using namespace test_support;  // NOLINT
using ::testing::HasSubstr;

const char* kWrong = "a wrong password";

HttpExchange error_reply(int status, std::string code, std::string desc = "",
                         Headers headers = {{"Content-Type", "application/json"},
                                            {"Cache-Control", "no-store"}}) {
  std::string body = R"({"error":")" + code + "\"" +
                     (desc.empty() ? "" : R"(,"error_description":")" + desc + "\"") + "}";
  return canned(status, body, std::move(headers));
}

TEST(ExpectSameStatusTest, EqualPassesDifferentFails) {
  EXPECT_TRUE(
      passed([] { expect_same_status(error_reply(400, "a"), error_reply(400, "b"), kWrong); }));
  EXPECT_TRUE(
      failed([] { expect_same_status(error_reply(401, "a"), error_reply(400, "a"), kWrong); }));
}

TEST(ExpectSameErrorCodeTest, EqualPassesDifferentFails) {
  EXPECT_TRUE(passed([] {
    expect_same_error_code(error_reply(400, "invalid_grant"), error_reply(400, "invalid_grant"),
                           kWrong);
  }));
  auto f = findings_of([] {
    expect_same_error_code(error_reply(400, "invalid_request"), error_reply(400, "invalid_grant"),
                           kWrong);
  });
  EXPECT_FALSE(f.at(0).passed);
  EXPECT_EQ(f[0].expected, "same error as a wrong password: invalid_grant");
}

TEST(ExpectSameErrorDescriptionTest, EqualPassesDifferentFails) {
  EXPECT_TRUE(passed([] {
    expect_same_error_description(error_reply(400, "x", "bad"), error_reply(400, "x", "bad"),
                                  kWrong);
  }));
  EXPECT_TRUE(failed([] {
    expect_same_error_description(error_reply(400, "x", "no such user"),
                                  error_reply(400, "x", "wrong password"), kWrong);
  }));
}

TEST(ExpectSameHeaderNamesTest, IgnoresVaryingHeadersAndCase) {
  EXPECT_TRUE(passed([] {
    expect_same_header_names(
        error_reply(400, "x", "", {{"content-type", "a"}, {"Date", "1"}}),
        error_reply(400, "x", "", {{"Content-Type", "b"}, {"Content-Length", "3"}}), kWrong);
  }));
  EXPECT_TRUE(failed([] {
    expect_same_header_names(error_reply(400, "x", "", {{"X-Unknown-User", "1"}}),
                             error_reply(400, "x", "", {}), kWrong);
  }));
}

TEST(ExpectSimilarLatencyTest, OnlyAGrossDifferenceFails) {
  auto at = [](int ms) {
    auto x = canned(400);
    x.elapsed = std::chrono::milliseconds(ms);
    return x;
  };
  std::vector<HttpExchange> fast{at(10), at(12), at(11)}, near{at(60), at(70), at(80)};
  std::vector<HttpExchange> slow{at(400), at(450), at(420)};
  EXPECT_TRUE(
      passed([&] { expect_similar_latency(fast, near, "unknown user", "wrong password"); }));
  auto f =
      findings_of([&] { expect_similar_latency(fast, slow, "unknown user", "wrong password"); });
  EXPECT_FALSE(f.at(0).passed);
  EXPECT_EQ(f[0].actual, "median 11.0 ms (unknown user) vs 420.0 ms (wrong password)");
}

}  // namespace
}  // namespace ock::conformance::checks
