#include "reference-server/core/scope.h"

#include <gtest/gtest.h>

namespace ock::server {
namespace {

const ScopeSet kKnown{"read", "write", "groups", "admin"};
const std::vector<std::string> kAllowed{"read", "write"};

TEST(ScopeTest, ParsesOrderInsensitivelyAndJoinsSorted) {
  auto a = parse_scope("write read");
  auto b = parse_scope(" read  write ");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(join_scope(*a), "read write");
}

TEST(ScopeTest, RejectsIllegalCharacters) {
  EXPECT_FALSE(parse_scope("re\"ad"));
  EXPECT_FALSE(parse_scope("re\\ad"));
  EXPECT_FALSE(parse_scope("r\xc3\xa9"));
}

TEST(ScopeTest, DefaultIsTheClientsKnownScopes) {
  auto g = grant_scope({}, kKnown, {"read", "write", "ghost"});
  ASSERT_TRUE(g);
  EXPECT_EQ(join_scope(*g), "read write");
}

TEST(ScopeTest, UnknownAndForbiddenAreInvalidScope) {
  auto unknown = grant_scope({"nope"}, kKnown, kAllowed);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidScope);
  auto forbidden = grant_scope({"admin"}, kKnown, kAllowed);
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().code, ErrorCode::kInvalidScope);
  EXPECT_FALSE(grant_scope({"READ"}, kKnown, kAllowed));  // case-sensitive
}

TEST(ScopeTest, Subset) {
  EXPECT_TRUE(scope_subset({"read"}, {"read", "write"}));
  EXPECT_FALSE(scope_subset({"read", "groups"}, {"read", "write"}));
}

}  // namespace
}  // namespace ock::server
