#include "reference-server/core/login_throttle.h"

#include <gtest/gtest.h>

namespace ock::server {
namespace {

TEST(LoginThrottleTest, LocksAfterMaxFailuresWithinWindow) {
  FakeClock clock;
  LoginThrottle t(clock, ThrottleConfig{3, 60, 30});
  t.record_failure("u");
  t.record_failure("u");
  EXPECT_EQ(t.retry_after("u"), 0);
  t.record_failure("u");
  EXPECT_EQ(t.retry_after("u"), 30);
  clock.advance(10);
  EXPECT_EQ(t.retry_after("u"), 20);
  clock.advance(20);
  EXPECT_EQ(t.retry_after("u"), 0);
}

TEST(LoginThrottleTest, FailuresOutsideTheWindowDoNotCount) {
  FakeClock clock;
  LoginThrottle t(clock, ThrottleConfig{3, 60, 30});
  t.record_failure("u");
  t.record_failure("u");
  clock.advance(61);
  t.record_failure("u");
  EXPECT_EQ(t.retry_after("u"), 0);
}

TEST(LoginThrottleTest, SuccessClearsAndUsersAreIndependent) {
  FakeClock clock;
  LoginThrottle t(clock, ThrottleConfig{2, 60, 30});
  t.record_failure("u");
  t.record_success("u");
  t.record_failure("u");
  EXPECT_EQ(t.retry_after("u"), 0);
  t.record_failure("v");
  t.record_failure("v");
  EXPECT_GT(t.retry_after("v"), 0);
  EXPECT_EQ(t.retry_after("u"), 0);
}

TEST(LoginThrottleTest, ReservedAttemptsCountAgainstTheThresholdUntilRecorded) {
  FakeClock clock;
  LoginThrottle t(clock, ThrottleConfig{3, 60, 30});
  t.record_failure("u");
  EXPECT_EQ(t.reserve("u"), 0);
  EXPECT_EQ(t.reserve("u"), 0);
  EXPECT_EQ(t.reserve("u"), 1) << "1 failure + 2 in flight reach the threshold of 3";
  t.release("u");  // one attempt ended unjudged
  EXPECT_EQ(t.reserve("u"), 0);
  t.record_failure("u");
  t.record_failure("u");  // 3 failures: locked
  EXPECT_EQ(t.reserve("u"), 30);
  EXPECT_EQ(t.reserve("v"), 0) << "other usernames are independent";
  t.record_success("v");
  EXPECT_EQ(t.reserve("v"), 0);
  t.release("v");
}

TEST(LoginThrottleTest, ASuccessWhileOthersAreInFlightKeepsTheirReservations) {
  FakeClock clock;
  LoginThrottle t(clock, ThrottleConfig{2, 60, 30});
  EXPECT_EQ(t.reserve("u"), 0);
  EXPECT_EQ(t.reserve("u"), 0);
  t.record_success("u");
  EXPECT_EQ(t.reserve("u"), 0) << "one attempt still in flight, one free";
  EXPECT_EQ(t.reserve("u"), 1) << "two in flight reach the threshold of 2";
  t.record_failure("u");
  EXPECT_EQ(t.reserve("u"), 1) << "1 failure + 1 attempt still in flight";
}

}  // namespace
}  // namespace ock::server
