// Unit tests of the token cache: file mode 0600, round trip, expiry, where the file lives.
#include "client/token_cache.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <limits>

#include "tests/support/temp_dir.h"

namespace ock::client {
namespace {

unsigned mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(stat(path.c_str(), &st), 0);
  return st.st_mode & 0777;
}

CachedToken sample() {
  CachedToken t;
  t.server = "http://127.0.0.1:8000";
  t.client_id = "demo-client";
  t.username = "alice";
  t.scope = "read write";
  t.token_type = "Bearer";
  t.access_token = "access-abcdefghijkl";
  t.refresh_token = "refresh-abcdefghijkl";
  t.obtained_at = 1000;
  t.expires_at = 4600;
  return t;
}

class TokenCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::make_temp_dir("oauth-client-test");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(TokenCacheTest, SavedFileHasMode0600AndFoldersAreCreated) {
  const std::string path = dir_ + "/a/b/token.json";
  ASSERT_EQ(save_cache(path, sample()), "");
  EXPECT_EQ(mode_of(path), 0600u);
  EXPECT_EQ(mode_of(dir_ + "/a/b"), 0700u);
}

TEST_F(TokenCacheTest, SavingFixesTheModeOfAnExistingFile) {
  const std::string path = dir_ + "/token.json";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ::close(fd);
  ::chmod(path.c_str(), 0644);
  ASSERT_EQ(mode_of(path), 0644u);
  ASSERT_EQ(save_cache(path, sample()), "");
  EXPECT_EQ(mode_of(path), 0600u);
}

TEST_F(TokenCacheTest, RoundTripKeepsEveryField) {
  const std::string path = dir_ + "/token.json";
  ASSERT_EQ(save_cache(path, sample()), "");
  const CacheLoad loaded = load_cache(path);
  ASSERT_TRUE(loaded.token.has_value()) << loaded.error;
  EXPECT_EQ(loaded.token->to_json(), sample().to_json());
}

TEST_F(TokenCacheTest, MissingFileIsNoError) {
  const CacheLoad loaded = load_cache(dir_ + "/none.json");
  EXPECT_FALSE(loaded.token.has_value());
  EXPECT_EQ(loaded.error, "");
}

TEST_F(TokenCacheTest, DamagedFileIsAnErrorSentence) {
  const std::string path = dir_ + "/token.json";
  std::FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("{not json", f);
  std::fclose(f);
  const CacheLoad loaded = load_cache(path);
  EXPECT_FALSE(loaded.token.has_value());
  EXPECT_NE(loaded.error.find("damaged"), std::string::npos);
}

TEST_F(TokenCacheTest, LoadingTightensAWideMode) {
  const std::string path = dir_ + "/token.json";
  ASSERT_EQ(save_cache(path, sample()), "");
  ::chmod(path.c_str(), 0644);
  (void)load_cache(path);
  EXPECT_EQ(mode_of(path), 0600u);
}

TEST(IsExpiredTest, ComparesWithLeeway) {
  CachedToken t = sample();  // expires at 4600
  EXPECT_FALSE(is_expired(t, 4000, 1));
  EXPECT_FALSE(is_expired(t, 4598, 1));
  EXPECT_TRUE(is_expired(t, 4599, 1));
  EXPECT_TRUE(is_expired(t, 5000, 1));
  t.expires_at = 0;  // no expires_in: never known to expire
  EXPECT_FALSE(is_expired(t, 999999, 1));
}

TEST(TokenFromResponseTest, ComputesExpiryAndKeepsOldRefreshToken) {
  const auto response = nlohmann::json::parse(
      R"({"access_token":"new-access","token_type":"Bearer","expires_in":3600})");
  const CachedToken t =
      token_from_response(response, "http://s", "c", "u", "read", 100, "old-refresh");
  EXPECT_EQ(t.expires_at, 3700);
  EXPECT_EQ(t.refresh_token, "old-refresh");
  EXPECT_EQ(t.scope, "read");  // no scope in the answer: as requested (RFC 6749 §5.1)
}

TEST(TokenFromResponseTest, HugeExpiresInIsTheLatestTimeNotAnOverflow) {
  // Found by fuzzing (client/fuzz): expires_in past 2^63 seconds was converted with undefined
  // behaviour, and on x86 gave a token that had expired long before it was obtained.
  for (const char* body : {R"({"access_token":"a","expires_in":1e300})",
                           R"({"access_token":"a","expires_in":184467440737095516161800})",
                           R"({"access_token":"a","expires_in":9223372036854775807})"}) {
    const CachedToken t = token_from_response(nlohmann::json::parse(body), "http://s", "c", "u",
                                              "read", 1'700'000'000);
    EXPECT_EQ(t.expires_at, std::numeric_limits<std::int64_t>::max()) << body;
    EXPECT_FALSE(is_expired(t, 1'700'000'000)) << body;
  }
}

TEST(CachePathTest, OverrideThenXdgThenHome) {
  EXPECT_EQ(cache_path("/x/t.json", "/xdg", "/home/a"), "/x/t.json");
  EXPECT_EQ(cache_path(nullptr, "/xdg", "/home/a"), "/xdg/oauth-client/token.json");
  EXPECT_EQ(cache_path("", "", "/home/a"), "/home/a/.cache/oauth-client/token.json");
  EXPECT_EQ(cache_path(nullptr, nullptr, nullptr), "");
}

}  // namespace
}  // namespace ock::client
