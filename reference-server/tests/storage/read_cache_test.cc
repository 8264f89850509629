// ReadCache on its own: what it serves, clear(), the race between a read and a write (a value
// read before a write must not be kept after the write cleared), its age limit and its size bound.
#include "reference-server/storage/read_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace ock::server::storage {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;

class ReadCacheTest : public ::testing::Test {
 protected:
  steady_clock::time_point now_ = steady_clock::time_point() + seconds(100);
  ReadCache<std::string> cache_{3, seconds(1), [this] { return now_; }};
};

TEST_F(ReadCacheTest, ServesWhatWasPutUntilCleared) {
  EXPECT_FALSE(cache_.find("alice"));
  cache_.put("alice", "A", cache_.ticket());
  EXPECT_EQ(cache_.find("alice").value_or(""), "A");
  EXPECT_FALSE(cache_.find("bob"));
  cache_.clear();
  EXPECT_FALSE(cache_.find("alice"));
}

TEST_F(ReadCacheTest, AValueReadBeforeAClearIsNotKept) {
  const auto ticket = cache_.ticket();  // the read begins
  cache_.clear();                       // a write commits and clears
  cache_.put("alice", "old", ticket);   // the read ends with what it saw before
  EXPECT_FALSE(cache_.find("alice"));
  cache_.put("alice", "new", cache_.ticket());
  EXPECT_EQ(cache_.find("alice").value_or(""), "new");
}

TEST_F(ReadCacheTest, ServedForAtMostMaxAge) {
  cache_.put("alice", "A", cache_.ticket());
  now_ += milliseconds(1000);
  EXPECT_TRUE(cache_.find("alice"));
  now_ += milliseconds(1);
  EXPECT_FALSE(cache_.find("alice"));
  EXPECT_EQ(cache_.size(), 0u);
}

TEST_F(ReadCacheTest, NeverHoldsMoreThanMaxEntries) {
  for (int i = 0; i < 10; ++i) {
    cache_.put("user" + std::to_string(i), "v", cache_.ticket());
    EXPECT_LE(cache_.size(), 3u);
  }
  EXPECT_TRUE(cache_.find("user9"));
  cache_.put("user9", "again", cache_.ticket());  // a key already there takes no new room
  EXPECT_EQ(cache_.find("user9").value_or(""), "again");
}

TEST_F(ReadCacheTest, DropAndDropIfTakeOnlyWhatTheyNameAndVoidEarlierTickets) {
  cache_.put("alice", "staff", cache_.ticket());
  cache_.put("bob", "staff", cache_.ticket());
  cache_.put("carol", "guest", cache_.ticket());
  auto ticket = cache_.ticket();
  cache_.drop("alice");
  EXPECT_FALSE(cache_.find("alice"));
  EXPECT_TRUE(cache_.find("bob"));
  cache_.put("alice", "read before the drop", ticket);
  EXPECT_FALSE(cache_.find("alice"));
  ticket = cache_.ticket();
  cache_.drop_if([](const std::string& v) { return v == "staff"; });
  EXPECT_FALSE(cache_.find("bob"));
  EXPECT_TRUE(cache_.find("carol"));
  cache_.put("bob", "read before the drop", ticket);
  EXPECT_FALSE(cache_.find("bob"));
}

TEST_F(ReadCacheTest, WhenFullTheStaleGoFirst) {
  cache_.put("old", "v", cache_.ticket());
  now_ += milliseconds(1500);
  cache_.put("a", "v", cache_.ticket());
  cache_.put("b", "v", cache_.ticket());
  cache_.put("c", "v", cache_.ticket());  // full: "old" is stale and goes, the rest stay
  EXPECT_TRUE(cache_.find("a"));
  EXPECT_TRUE(cache_.find("b"));
  EXPECT_TRUE(cache_.find("c"));
  EXPECT_EQ(cache_.size(), 3u);
}

}  // namespace
}  // namespace ock::server::storage
