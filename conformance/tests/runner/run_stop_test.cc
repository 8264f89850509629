// Unit tests of runner/run_stop.h: the deadline and an outside stop, and the transport that
// refuses to send once the run is stopping and bounds each request by the time left.
#include "conformance/runner/run_stop.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ock::conformance::runner {
namespace {

using ::testing::HasSubstr;

// Records the timeout of the last request and answers 200.
class Recording : public engine::Transport {
 public:
  Result<engine::HttpExchange, engine::TransportError> send(
      const engine::HttpRequest& request) override {
    last_timeout = request.timeout;
    ++calls;
    engine::HttpExchange x;
    x.response.status = 200;
    return x;
  }
  std::optional<std::chrono::milliseconds> last_timeout;
  int calls = 0;
};

TEST(RunStopTest, APassedDeadlineStopsTheRunAndSaysSo) {
  std::atomic<bool> flag{false};
  RunStop stop(flag, std::chrono::seconds(0));
  auto why = stop.why("interrupted by SIGTERM");
  ASSERT_TRUE(why.has_value());
  EXPECT_THAT(*why, HasSubstr("deadline (0 s, --deadline) passed"));
  EXPECT_TRUE(flag.load());
}

TEST(RunStopTest, AnOutsideStopKeepsItsReasonAndTheFirstReasonWins) {
  std::atomic<bool> flag{false};
  RunStop stop(flag, std::nullopt);
  EXPECT_FALSE(stop.why("interrupted by SIGTERM").has_value());
  flag = true;  // as the signal handler does
  EXPECT_EQ(stop.why("interrupted by SIGTERM"), "interrupted by SIGTERM");
  stop.stop("something later");
  EXPECT_EQ(stop.why("x"), "interrupted by SIGTERM");
}

TEST(StoppableTransportTest, BoundsTimeoutsByTheTimeLeftAndRefusesOnceStopping) {
  std::atomic<bool> flag{false};
  RunStop stop(flag, std::chrono::seconds(5));
  Recording inner;
  StoppableTransport t(inner, stop, flag, std::chrono::milliseconds(30000));
  ASSERT_TRUE(t.send({}).has_value());
  ASSERT_TRUE(inner.last_timeout.has_value());
  EXPECT_LE(inner.last_timeout->count(), 5000);  // not the default 30 s
  EXPECT_GT(inner.last_timeout->count(), 0);
  flag = true;
  auto refused = t.send({});
  ASSERT_FALSE(refused.has_value());
  EXPECT_THAT(refused.error().message, HasSubstr("stopping"));
  EXPECT_EQ(inner.calls, 1);
}

TEST(StoppableTransportTest, BoundsTimeoutsByTheCaseDeadlineAndRefusesPastIt) {
  std::atomic<bool> flag{false};
  RunStop stop(flag, std::chrono::seconds(600));
  Recording inner;
  StoppableTransport t(inner, stop, flag, std::chrono::milliseconds(30000));
  {
    CaseDeadline case_deadline(std::chrono::seconds(2));
    ASSERT_TRUE(t.send({}).has_value());
    ASSERT_TRUE(inner.last_timeout.has_value());
    EXPECT_LE(inner.last_timeout->count(), 2000) << "bounded by the case, not the run's 600 s";
    EXPECT_GT(inner.last_timeout->count(), 0);
  }
  {
    CaseDeadline passed(std::chrono::seconds(0));
    auto refused = t.send({});
    ASSERT_FALSE(refused.has_value());
    EXPECT_THAT(refused.error().message, HasSubstr("--case-deadline"));
  }
  EXPECT_EQ(inner.calls, 1);
  // Another case, without a deadline of its own: only the run's bounds it.
  ASSERT_TRUE(t.send({}).has_value());
  EXPECT_GT(inner.last_timeout->count(), 2000);
}

}  // namespace
}  // namespace ock::conformance::runner
