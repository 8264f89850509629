// Refresh-token rotation under a race: two clients present the same refresh token at the
// same moment on separate connections; exactly one may win (RFC 9700 §4.14.2), and a later
// replay of the rotated token is refused and revokes the grant's live refresh token.
#include <gtest/gtest.h>

#include <barrier>
#include <thread>

#include "reference-server/tests/e2e/e2e_support.h"

namespace ock::server::e2e {
namespace {

std::string field(const HttpResponse& r, const char* name) {
  auto j = json_of(r);
  return j.is_object() && j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : "";
}

class RefreshRaceTest : public ServerTest {};

TEST_F(RefreshRaceTest, ParallelRefreshesOfOneTokenGiveExactlyOneSuccess) {
  ASSERT_TRUE(start_server());
  constexpr int kRounds = 10;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    auto issued = password_grant(server_, kAlice, kAlicePassword);
    ASSERT_TRUE(is_token_success(issued));
    const std::string refresh = field(issued, "refresh_token");
    ASSERT_FALSE(refresh.empty());

    HttpResponse results[2];
    std::barrier start_line(2);
    auto racer = [&](int i) {
      start_line.arrive_and_wait();
      results[i] = refresh_grant(server_, refresh);
    };
    std::thread a(racer, 0);
    std::thread b(racer, 1);
    a.join();
    b.join();

    int wins = 0;
    int winner = -1;
    for (int i = 0; i < 2; ++i) {
      ASSERT_TRUE(results[i].ok()) << results[i].describe();
      ASSERT_LT(results[i].status, 500) << results[i].describe();
      if (results[i].status == 200) {
        ++wins;
        winner = i;
      } else {
        EXPECT_TRUE(is_oauth_error(results[i], 400, "invalid_grant"));
      }
    }
    ASSERT_EQ(wins, 1) << results[0].describe() << "\n" << results[1].describe();
    const std::string new_refresh = field(results[winner], "refresh_token");
    ASSERT_FALSE(new_refresh.empty()) << results[winner].describe();

    // A third use of the rotated token is a replay: refused, and the grant's live refresh
    // token (the winner's) is revoked with it (RFC 9700 §4.14.2).
    EXPECT_TRUE(is_oauth_error(refresh_grant(server_, refresh), 400, "invalid_grant"));
    EXPECT_TRUE(is_oauth_error(refresh_grant(server_, new_refresh), 400, "invalid_grant"))
        << "the refresh token issued to the winner survived a replay of its predecessor";
  }
  EXPECT_TRUE(still_serves(server_));
}

TEST_F(RefreshRaceTest, SequentialRotationRefusesTheOldToken) {
  ASSERT_TRUE(start_server());
  auto issued = password_grant(server_, kAlice, kAlicePassword);
  ASSERT_TRUE(is_token_success(issued));
  const std::string first = field(issued, "refresh_token");
  auto second = refresh_grant(server_, first);
  ASSERT_TRUE(is_token_success(second));
  const std::string next = field(second, "refresh_token");
  ASSERT_FALSE(next.empty());
  EXPECT_NE(next, first);
  // The new token works until the old one is replayed.
  auto third = refresh_grant(server_, next);
  ASSERT_TRUE(is_token_success(third));
  EXPECT_TRUE(is_oauth_error(refresh_grant(server_, first), 400, "invalid_grant"));
  EXPECT_TRUE(
      is_oauth_error(refresh_grant(server_, field(third, "refresh_token")), 400, "invalid_grant"));
}

}  // namespace
}  // namespace ock::server::e2e
