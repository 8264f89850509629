// Unit tests of checks/bruteforce.h: the defence observation and its two checks, each in its
// passing and its failing shape.
#include "conformance/checks/bruteforce.h"

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

HttpExchange timed(int status, int ms, std::string body = R"({"error":"invalid_grant"})",
                   Headers headers = {{"Content-Type", "application/json"}}) {
  auto x = canned(status, std::move(body), std::move(headers));
  x.elapsed = std::chrono::milliseconds(ms);
  return x;
}

std::vector<HttpExchange> attempts(int n, int ms, HttpExchange last) {
  std::vector<HttpExchange> v;
  for (int i = 0; i < n; ++i) v.push_back(timed(400, ms));
  v.push_back(std::move(last));
  return v;
}

TEST(RetryAfterSecondsTest, DeltaSecondsOrADateAsOne) {
  EXPECT_EQ(retry_after_seconds(canned(429, "", {{"Retry-After", "60"}})), 60);
  EXPECT_EQ(
      retry_after_seconds(canned(429, "", {{"Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"}})), 1);
  EXPECT_EQ(retry_after_seconds(canned(400)), std::nullopt);
}

TEST(ObserveDefenceTest, CountsThrottlingRetryAfterAndTheDelayTrend) {
  std::vector<HttpExchange> tries;
  for (int i = 0; i < 10; ++i) tries.push_back(timed(i < 5 ? 400 : 429, i < 5 ? 10 : 900));
  tries.back().response.headers.push_back({"Retry-After", "30"});
  tries.push_back(timed(200, 5, kToken));
  auto o = observe_defence(tries, false);
  EXPECT_EQ(o.attempts, 10u);
  EXPECT_EQ(o.throttled, 5);
  EXPECT_EQ(o.retry_after_s, 30);
  EXPECT_TRUE(o.tar_pit());
  EXPECT_THAT(describe(o), HasSubstr("10 wrong attempts: 5 answered 429, Retry-After 30 s"));
}

TEST(ExpectDefenceObservableTest, AnyDefencePassesNothingFails) {
  auto none = observe_defence(attempts(30, 5, timed(200, 5, kToken)), false);
  EXPECT_TRUE(failed([&] { expect_defence_observable(none); }));
  auto f = findings_of([&] { expect_defence_observable(none); });
  EXPECT_THAT(f[0].actual, HasSubstr("nothing observable"));
  auto locked = observe_defence(attempts(30, 5, timed(400, 5)), true);
  EXPECT_TRUE(passed([&] { expect_defence_observable(locked); }));
}

TEST(ExpectLockRecoversTest, RecoveredPassesStillRefusedFails) {
  EXPECT_TRUE(passed([] { expect_lock_recovers(true, 30, timed(200, 5, kToken)); }));
  auto f = findings_of([] { expect_lock_recovers(false, 30, timed(400, 5)); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_FALSE(f[0].passed);
  EXPECT_THAT(f[0].expected, HasSubstr("within timing.max_wait_s (30 s)"));
  EXPECT_THAT(f[0].actual, HasSubstr("still refused: 400 invalid_grant"));
}

}  // namespace
}  // namespace ock::conformance::checks
