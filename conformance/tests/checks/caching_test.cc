// Unit tests of checks/caching.h (Cache-Control and Pragma): each check in its passing and its
// failing shape.
#include "conformance/checks/caching.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "conformance/checks/grammar.h"
#include "conformance/checks/status.h"
#include "conformance/engine/form.h"
#include "conformance/tests/checks/canned.h"

namespace ock::conformance::checks {
namespace {

using namespace engine;        // NOLINT
using namespace test_support;  // NOLINT
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

TEST(ExpectCacheControlNoStoreTest, ParsesTheDirectiveList) {
  EXPECT_TRUE(passed([] {
    expect_cache_control_no_store(canned(200, kToken, {{"Cache-Control", "no-store"}}));
  }));
  EXPECT_TRUE(passed([] {
    expect_cache_control_no_store(canned(200, kToken, {{"Cache-Control", "private, No-Store"}}));
  }));
  EXPECT_TRUE(passed([] {
    expect_cache_control_no_store(
        canned(200, kToken, {{"Cache-Control", "private"}, {"Cache-Control", "no-store"}}));
  }));
  EXPECT_TRUE(failed([] {
    expect_cache_control_no_store(canned(200, kToken, {{"Cache-Control", "no-cache, private"}}));
  }));
  EXPECT_TRUE(failed([] {
    expect_cache_control_no_store(
        canned(200, kToken, {{"Cache-Control", "no-cache=\"no-store\""}}));
  }));
  EXPECT_TRUE(failed([] { expect_cache_control_no_store(canned(200, kToken, {})); }));
}

TEST(ExpectCacheControlPrivateTest, NeedsPrivate) {
  EXPECT_TRUE(passed([] {
    expect_cache_control_private(canned(200, "", {{"Cache-Control", "private, max-age=0"}}));
  }));
  EXPECT_TRUE(failed([] {
    expect_cache_control_private(canned(200, "", {{"Cache-Control", "public"}}));
  }));
}

TEST(ExpectPragmaNoCacheTest, NeedsNoCache) {
  EXPECT_TRUE(passed([] { expect_pragma_no_cache(canned(200, "", {{"Pragma", "no-cache"}})); }));
  EXPECT_TRUE(failed([] { expect_pragma_no_cache(canned(200, "", {{"Pragma", "x-other"}})); }));
  EXPECT_TRUE(failed([] { expect_pragma_no_cache(canned(200, "", {})); }));
}

TEST(CacheControlDirectivesTest, LowerCasesNamesAndUnquotesValues) {
  auto d = cache_control_directives({"No-Store, max-age=\"0\"", "private"});
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].first, "no-store");
  EXPECT_FALSE(d[0].second.has_value());
  EXPECT_EQ(d[1].first, "max-age");
  EXPECT_EQ(d[1].second, "0");
  EXPECT_EQ(d[2].first, "private");
}

}  // namespace
}  // namespace ock::conformance::checks
