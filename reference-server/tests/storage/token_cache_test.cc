// TokenCache on its own: what it serves, every invalidation, the race between a read and an
// invalidation (a record read before a change must not be cached after it), its age limit and
// its size bound.
#include "reference-server/storage/token_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace ock::server::storage {
namespace {

using std::chrono::seconds;
using std::chrono::steady_clock;

TokenRecord token(const std::string& hash, const std::string& family, std::int64_t user_id = 7,
                  std::int64_t expires_at = 2000) {
  TokenRecord t;
  t.hash = hash;
  t.client_id = "app";
  t.user_id = user_id;
  t.scope = "read";
  t.issued_at = 1000;
  t.expires_at = expires_at;
  t.family = family;
  return t;
}

class TokenCacheTest : public ::testing::Test {
 protected:
  steady_clock::time_point now_ = steady_clock::time_point() + seconds(100);
  TokenCache cache_{100, seconds(1), [this] { return now_; }};

  void put(const TokenRecord& t) { cache_.put(t, cache_.ticket()); }
  bool has(const std::string& hash) { return cache_.find(hash).has_value(); }
};

TEST_F(TokenCacheTest, ServesWhatWasPutAndNothingElse) {
  TokenRecord t = token("h1", "fam");
  t.revoked = true;
  put(t);
  auto got = cache_.find("h1");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->hash, "h1");
  EXPECT_EQ(got->family, "fam");
  EXPECT_TRUE(got->revoked);
  EXPECT_FALSE(has("h2"));
}

TEST_F(TokenCacheTest, DropTokenDropsOnlyThatToken) {
  put(token("a", "fam"));
  put(token("b", "fam"));
  cache_.drop_token("a");
  EXPECT_FALSE(has("a"));
  EXPECT_TRUE(has("b"));
}

TEST_F(TokenCacheTest, DropFamilyDropsEveryTokenOfTheFamily) {
  put(token("a1", "fam"));
  put(token("r1", "fam"));
  put(token("x", "other"));
  cache_.drop_family("fam");
  EXPECT_FALSE(has("a1"));
  EXPECT_FALSE(has("r1"));
  EXPECT_TRUE(has("x"));
}

TEST_F(TokenCacheTest, DropUserDropsEveryTokenOfTheUser) {
  put(token("alice-1", "f1", 1));
  put(token("alice-2", "f2", 1));
  put(token("bob", "f3", 2));
  TokenRecord client_token = token("cc", "f4");
  client_token.user_id.reset();
  put(client_token);
  cache_.drop_user(1);
  EXPECT_FALSE(has("alice-1"));
  EXPECT_FALSE(has("alice-2"));
  EXPECT_TRUE(has("bob"));
  EXPECT_TRUE(has("cc"));
}

TEST_F(TokenCacheTest, DropExpiredBeforeDropsWhatAPurgeDeletes) {
  put(token("old", "f", 7, 1499));
  put(token("edge", "f", 7, 1500));
  cache_.drop_expired_before(1500);
  EXPECT_FALSE(has("old"));
  EXPECT_TRUE(has("edge"));
}

TEST_F(TokenCacheTest, ClearDropsEverything) {
  put(token("a", "f"));
  put(token("b", "g"));
  cache_.clear();
  EXPECT_EQ(cache_.size(), 0u);
}

// A reader took its ticket, read the live record from the database, and only then tried to cache
// it; meanwhile a revocation committed and invalidated. The stale record must not be cached.
TEST_F(TokenCacheTest, ARecordReadBeforeAnInvalidationIsNotCached) {
  const TokenRecord live = token("a", "fam", 1, 1500);
  for (int kind = 0; kind < 5; ++kind) {
    const std::uint64_t ticket = cache_.ticket();
    switch (kind) {
      case 0:
        cache_.drop_token("a");
        break;
      case 1:
        cache_.drop_family("fam");
        break;
      case 2:
        cache_.drop_user(1);
        break;
      case 3:
        cache_.drop_expired_before(1501);
        break;
      default:
        cache_.clear();
        break;
    }
    cache_.put(live, ticket);
    EXPECT_FALSE(has("a")) << "invalidation " << kind;
  }
  // A read that began after the invalidation is cached as usual.
  put(live);
  EXPECT_TRUE(has("a"));
}

TEST_F(TokenCacheTest, ARecordIsServedForAtMostMaxAge) {
  put(token("a", "f"));
  now_ += std::chrono::milliseconds(1000);
  EXPECT_TRUE(has("a"));
  now_ += std::chrono::milliseconds(1);
  EXPECT_FALSE(has("a"));
}

TEST_F(TokenCacheTest, SizeStaysWithinItsBound) {
  for (int i = 0; i < 1000; ++i) put(token("t" + std::to_string(i), "f"));
  EXPECT_LE(cache_.size(), 100u);
  EXPECT_TRUE(has("t999")) << "the newest record is kept";
}

TEST(TokenCacheSizeTest, ZeroEntriesCachesNothing) {
  TokenCache cache(0, seconds(1));
  cache.put(token("a", "f"), cache.ticket());
  EXPECT_FALSE(cache.find("a").has_value());
}

}  // namespace
}  // namespace ock::server::storage
