// Unit tests of checks/revocation.h, each check in its passing and its failing shape.
#include "conformance/checks/revocation.h"

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

TEST(ExpectTokenTypeSupportedTest, OnlyUnsupportedTokenTypeFails) {
  EXPECT_TRUE(passed([] { expect_token_type_supported(canned(200)); }));
  EXPECT_TRUE(
      passed([] { expect_token_type_supported(canned(400, R"({"error":"invalid_request"})")); }));
  EXPECT_TRUE(failed(
      [] { expect_token_type_supported(canned(400, R"({"error":"unsupported_token_type"})")); }));
}

TEST(ExpectRefusedWithinWindowTest, RefusedInTimePassesStillAcceptedFails) {
  auto ok = findings_of([] { expect_refused_within_window(1.5, 5); });
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_TRUE(ok[0].passed);
  EXPECT_EQ(ok[0].actual, "refused 1.5 s after the revocation");
  auto late = findings_of([] { expect_refused_within_window(std::nullopt, 5); });
  EXPECT_FALSE(late.at(0).passed);
  EXPECT_EQ(late[0].actual, "still accepted after 5 s");
}

TEST(ExpectRefreshStillWorksTest, ATokenPassesARefusalFails) {
  EXPECT_TRUE(passed([] { expect_refresh_still_works(canned(200, kToken)); }));
  EXPECT_TRUE(
      failed([] { expect_refresh_still_works(canned(400, R"({"error":"invalid_grant"})")); }));
}

}  // namespace
}  // namespace ock::conformance::checks
