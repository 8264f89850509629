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

}  // namespace
}  // namespace ock::server
