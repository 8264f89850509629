// Unit tests of engine/profile.h (the profile model: well-known URL and missing needs).
#include "conformance/engine/profile.h"

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

TEST(WellKnownUrlTest, InsertsBetweenHostAndPath) {
  EXPECT_EQ(well_known_url_for("https://as.example"),
            "https://as.example/.well-known/oauth-authorization-server");
  EXPECT_EQ(well_known_url_for("https://as.example/tenant/"),
            "https://as.example/.well-known/oauth-authorization-server/tenant");
}

TEST(ProfileMissingTest, NamesTheTagAndTheItem) {
  Profile p;
  auto why = p.missing(Need::kSpc);
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("[SPC]"), std::string::npos);
  EXPECT_NE(why->find("clients.special_chars"), std::string::npos);
  p.clients["special_chars"] = ClientCreds{.role = "special_chars", .id = "x", .secret = "y"};
  EXPECT_FALSE(p.missing(Need::kSpc).has_value());
  p.users["victim"] = UserCreds{.role = "victim", .username = "v", .password = "p"};
  EXPECT_TRUE(p.missing(Need::kVictim).has_value());  // allow_destructive is false
  p.allow_destructive = true;
  EXPECT_FALSE(p.missing(Need::kVictim).has_value());
}

}  // namespace
}  // namespace ock::conformance::engine
