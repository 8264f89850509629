// The one password check behind the password grant and the login form: PBKDF2, the lockout per
// username (unknown usernames included), and a right password clearing the count.
#include "reference-server/core/user_login.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "reference-server/core/crypto.h"
#include "reference-server/storage/memory_store.h"

namespace ock::server {
namespace {

class UserLoginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    User alice;
    alice.username = "alice";
    alice.password_hash = hash_password("alice-password-1", 10);
    ASSERT_TRUE(store_.create_user(alice));
    User nologin;
    nologin.username = "nologin";
    ASSERT_TRUE(store_.create_user(nologin));
  }

  LoginRefused::Why refused(const std::string& user, const std::string& password) {
    auto r = login_.check(user, password);
    EXPECT_FALSE(r) << user;
    return r ? LoginRefused::Why::kStorage : r.error().why;
  }

  MemoryStore store_;
  FakeClock clock_;
  UserLogin login_{store_, clock_, ThrottleConfig{3, 60, 30}, 10};
};

TEST_F(UserLoginTest, RightPasswordGivesTheUser) {
  auto r = login_.check("alice", "alice-password-1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->username, "alice");
}

TEST_F(UserLoginTest, WrongPasswordUnknownUserAndNoPasswordAreAllWrongCredentials) {
  EXPECT_EQ(refused("alice", "nope"), LoginRefused::Why::kWrongCredentials);
  EXPECT_EQ(refused("nobody", "nope"), LoginRefused::Why::kWrongCredentials);
  EXPECT_EQ(refused("nologin", ""), LoginRefused::Why::kWrongCredentials);
}

TEST_F(UserLoginTest, LockoutRefusesEvenTheRightPasswordUntilTheCoolDownEnds) {
  for (int i = 0; i < 3; ++i) refused("alice", "nope");
  auto locked = login_.check("alice", "alice-password-1");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().why, LoginRefused::Why::kLocked);
  EXPECT_EQ(locked.error().retry_after, 30);
  EXPECT_TRUE(login_.check("nobody-else", "x").error().why == LoginRefused::Why::kWrongCredentials);
  clock_.advance(30);
  EXPECT_TRUE(login_.check("alice", "alice-password-1"));
}

TEST_F(UserLoginTest, UnknownUsernamesAreLockedToo) {
  for (int i = 0; i < 3; ++i) refused("ghost", "x");
  EXPECT_EQ(refused("ghost", "x"), LoginRefused::Why::kLocked);
}

TEST_F(UserLoginTest, ARightPasswordClearsTheFailures) {
  refused("alice", "nope");
  refused("alice", "nope");
  ASSERT_TRUE(login_.check("alice", "alice-password-1"));
  refused("alice", "nope");
  refused("alice", "nope");
  EXPECT_TRUE(login_.check("alice", "alice-password-1"));
}

// Issue 8 (10): the lockout was checked before hashing and the failure recorded after, so
// parallel guesses all got through (8-9 evaluated against a threshold of 5; once the right
// password among 20 parallel guesses got in). With 32 wrong guesses at once, no more than the
// threshold are evaluated, the rest are refused as locked, and the account ends up locked.
TEST(UserLoginRaceTest, ParallelGuessesNeverEvaluateMoreThanTheThreshold) {
  MemoryStore store;
  User alice;
  alice.username = "alice";
  alice.password_hash = hash_password("alice-password-1", 20000);
  ASSERT_TRUE(store.create_user(alice));
  FakeClock clock;
  constexpr int kThreshold = 5;
  UserLogin login(store, clock, ThrottleConfig{kThreshold, 60, 30}, 20000);
  std::atomic<int> evaluated{0}, locked{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> guessers;
  for (int i = 0; i < 32; ++i) {
    guessers.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      auto r = login.check("alice", "guess-" + std::to_string(i));
      if (!r && r.error().why == LoginRefused::Why::kWrongCredentials) evaluated.fetch_add(1);
      if (!r && r.error().why == LoginRefused::Why::kLocked) locked.fetch_add(1);
    });
  }
  go.store(true);
  for (auto& t : guessers) t.join();
  EXPECT_LE(evaluated.load(), kThreshold);
  EXPECT_GE(evaluated.load(), 1);
  EXPECT_EQ(evaluated.load() + locked.load(), 32);
  auto right = login.check("alice", "alice-password-1");
  if (evaluated.load() == kThreshold) {
    ASSERT_FALSE(right) << "the threshold was reached: even the right password waits";
    EXPECT_EQ(right.error().why, LoginRefused::Why::kLocked);
  }
}

}  // namespace
}  // namespace ock::server
