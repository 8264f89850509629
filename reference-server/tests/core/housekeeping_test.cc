// Bounded storage: what one purge deletes and keeps (a used code stays long enough for a replay
// to be caught), and the periodic purge's thread.
#include "reference-server/core/housekeeping.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "reference-server/storage/memory_store.h"

namespace ock::server {
namespace {

TokenRecord token(const std::string& hash, std::int64_t expires_at) {
  TokenRecord t;
  t.hash = hash;
  t.client_id = "app";
  t.expires_at = expires_at;
  t.family = "f-" + hash;
  return t;
}

AuthorizationCode code(const std::string& hash, std::int64_t expires_at) {
  AuthorizationCode c;
  c.hash = hash;
  c.client_id = "app";
  c.expires_at = expires_at;
  c.family = "f-" + hash;
  return c;
}

TEST(HousekeepingTest, PurgeDeletesWhatExpiredAndKeepsCodesForTheReplayWindow) {
  MemoryStore store;
  FakeClock clock;
  const std::int64_t now = clock.now();
  ASSERT_TRUE(store.save_tokens({token("t-old", now - 1), token("t-live", now + 60)}));
  ASSERT_TRUE(store.save_code(code("c-ancient", now - kCodeReplayWindow - 1)));
  ASSERT_TRUE(store.save_code(code("c-recent", now - 10)));
  ASSERT_TRUE(store.save_code(code("c-live", now + 60)));
  ASSERT_TRUE(store.save_session(LoginSession{"s-old", 1, now - 700, now - 1}));
  ASSERT_TRUE(store.save_session(LoginSession{"s-live", 1, now - 10, now + 590}));

  Housekeeper housekeeper(store, clock);
  auto counts = housekeeper.purge_once();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->tokens, 1);
  EXPECT_EQ(counts->codes, 1);
  EXPECT_EQ(counts->sessions, 1);
  EXPECT_FALSE(store.find_token("t-old")->has_value());
  EXPECT_TRUE(store.find_token("t-live")->has_value());
  EXPECT_FALSE(store.find_code("c-ancient")->has_value());
  EXPECT_TRUE(store.find_code("c-recent")->has_value()) << "a replay of it must still be caught";
  EXPECT_TRUE(store.find_code("c-live")->has_value());
  EXPECT_FALSE(store.find_session("s-old")->has_value());
  EXPECT_TRUE(store.find_session("s-live")->has_value());

  clock.advance(kCodeReplayWindow + 61);
  counts = housekeeper.purge_once();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->codes, 2);
  EXPECT_EQ(counts->tokens, 1);
  EXPECT_EQ(counts->sessions, 1);
}

// --purge-retention: expired rows stay that long, then go; codes never before the replay window.
TEST(HousekeepingTest, RetentionKeepsExpiredRowsThatLong) {
  MemoryStore store;
  FakeClock clock;
  const std::int64_t now = clock.now();
  ASSERT_TRUE(store.save_tokens({token("t-1h", now - 3600), token("t-3h", now - 3 * 3600)}));
  ASSERT_TRUE(store.save_session(LoginSession{"s-1h", 1, now - 4000, now - 3600}));
  ASSERT_TRUE(store.save_code(code("c-1h", now - 3601)));
  ASSERT_TRUE(store.save_code(code("c-3h", now - 3 * 3600)));

  Housekeeper housekeeper(store, clock, 2 * 3600);
  auto counts = housekeeper.purge_once();
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->tokens, 1);
  EXPECT_EQ(counts->sessions, 0);
  EXPECT_EQ(counts->codes, 1);
  EXPECT_TRUE(store.find_token("t-1h")->has_value()) << "expired an hour ago, kept two";
  EXPECT_FALSE(store.find_token("t-3h")->has_value());
  EXPECT_TRUE(store.find_session("s-1h")->has_value());
  EXPECT_TRUE(store.find_code("c-1h")->has_value()) << "inside the retention";
  EXPECT_FALSE(store.find_code("c-3h")->has_value());
}

TEST(HousekeepingTest, PeriodicPurgeRunsAndStopsPromptly) {
  MemoryStore store;
  FakeClock clock;
  ASSERT_TRUE(store.save_session(LoginSession{"s-old", 1, clock.now() - 700, clock.now() - 1}));
  Housekeeper housekeeper(store, clock);
  {
    PeriodicHousekeeping purging(housekeeper, store, std::chrono::milliseconds(10));
    for (int i = 0; i < 500 && store.find_session("s-old")->has_value(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_FALSE(store.find_session("s-old")->has_value());
  }
  const auto started = std::chrono::steady_clock::now();
  { PeriodicHousekeeping idle(housekeeper, store, std::chrono::hours(1), std::chrono::hours(1)); }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5))
      << "stopping must not wait out the interval";
}

}  // namespace
}  // namespace ock::server
