// Unit tests of engine/url.h (the URL helpers).
#include "conformance/engine/url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "conformance/tests/checks/canned.h"

namespace ock::conformance::engine {
namespace {

using namespace test_support;  // NOLINT
using ::testing::HasSubstr;

TEST(AppendQueryTest, PicksTheSeparator) {
  EXPECT_EQ(append_query("http://h/p", "a=1"), "http://h/p?a=1");
  EXPECT_EQ(append_query("http://h/p?x=1", "a=1"), "http://h/p?x=1&a=1");
}

}  // namespace
}  // namespace ock::conformance::engine
