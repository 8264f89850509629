// Unit tests of checks/url.h, each check in its passing and its failing shape.
#include "conformance/checks/url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "conformance/tests/checks/canned.h"

namespace ock::conformance::checks {
namespace {

using namespace engine;        // NOLINT
using namespace test_support;  // NOLINT
using ::testing::HasSubstr;

TEST(ExpectHttpsUrlTest, SchemeDecides) {
  EXPECT_TRUE(passed([] { expect_https_url("https://as.example/token"); }));
  EXPECT_TRUE(failed([] { expect_https_url("http://as.example/token"); }));
}

TEST(ExpectNoFragmentTest, AHashFails) {
  EXPECT_TRUE(passed([] { expect_no_fragment("https://as.example/token?x=1"); }));
  EXPECT_TRUE(failed([] { expect_no_fragment("https://as.example/token#frag"); }));
}

TEST(ExpectNoQueryOrFragmentTest, EitherFails) {
  EXPECT_TRUE(passed([] { expect_no_query_or_fragment("https://as.example/tenant"); }));
  EXPECT_TRUE(failed([] { expect_no_query_or_fragment("https://as.example/?t=1"); }));
  EXPECT_TRUE(failed([] { expect_no_query_or_fragment("https://as.example/#t"); }));
}

}  // namespace
}  // namespace ock::conformance::checks
