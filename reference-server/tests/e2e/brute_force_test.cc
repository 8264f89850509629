// Password guessing: with the default threshold of 5 wrong passwords a username is locked;
// even the right password is refused (with Retry-After) until the cool-down has passed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include "reference-server/tests/e2e/e2e_support.h"

namespace ock::server::e2e {
namespace {

class BruteForceTest : public ServerTest {};

TEST_F(BruteForceTest, LockoutAfterFiveWrongPasswordsThenCoolDown) {
  RefServerOptions o;
  o.extra_args = {"--lockout-seconds", "3"};
  ASSERT_TRUE(start_server(o));

  for (int i = 0; i < 5; ++i) {
    auto wrong = password_grant(server_, "victim", "guess-" + std::to_string(i));
    ASSERT_TRUE(is_oauth_error(wrong, 400, "invalid_grant")) << "attempt " << i;
  }
  const auto locked_at = std::chrono::steady_clock::now();
  auto refused = password_grant(server_, "victim", "victim-password-1");
  ASSERT_TRUE(refused.ok()) << refused.describe();
  EXPECT_TRUE(refused.status == 429 || is_oauth_error(refused, 400, "invalid_grant"))
      << "the right password must be refused while locked: " << refused.describe();
  EXPECT_NE(refused.status, 200) << refused.describe();
  auto retry_after = refused.header("Retry-After");
  ASSERT_TRUE(retry_after.has_value()) << refused.describe();
  int seconds = std::atoi(retry_after->c_str());
  EXPECT_GE(seconds, 1) << *retry_after;
  EXPECT_LE(seconds, 3) << *retry_after;

  // Other users are not affected by the lock.
  EXPECT_TRUE(is_token_success(password_grant(server_, kAlice, kAlicePassword)));

  // After the cool-down the right password works again (poll; the clock has 1 s steps).
  bool unlocked = false;
  HttpResponse last;
  while (std::chrono::steady_clock::now() - locked_at < std::chrono::seconds(15)) {
    last = password_grant(server_, "victim", "victim-password-1");
    if (last.status == 200) {
      unlocked = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(unlocked) << "still refused after 15 s: " << last.describe();
  EXPECT_TRUE(is_token_success(last));
}

TEST_F(BruteForceTest, FourWrongPasswordsDoNotLock) {
  ASSERT_TRUE(start_server());
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(is_oauth_error(password_grant(server_, "victim", "guess"), 400, "invalid_grant"));
  }
  auto ok = password_grant(server_, "victim", "victim-password-1");
  EXPECT_TRUE(is_token_success(ok));
  EXPECT_FALSE(ok.header("Retry-After").has_value());
}

}  // namespace
}  // namespace ock::server::e2e
