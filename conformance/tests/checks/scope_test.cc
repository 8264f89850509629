// Unit tests of checks/scope.h (scope values and the scope checks): each check in its passing and
// its failing shape.
#include "conformance/checks/scope.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "conformance/checks/grammar.h"
#include "conformance/checks/scope.h"
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

TEST(ExpectScopeSyntaxTest, ScopeTokensWithSingleSpaces) {
  EXPECT_TRUE(passed([] { expect_scope_syntax(canned(200, kToken)); }));
  EXPECT_TRUE(passed([] { expect_scope_syntax(canned(200, R"({"access_token":"a"})")); }));
  EXPECT_TRUE(failed([] { expect_scope_syntax(canned(200, R"({"scope":["read"]})")); }));
  EXPECT_TRUE(failed([] { expect_scope_syntax(canned(200, R"({"scope":"read  write"})")); }));
  EXPECT_TRUE(failed([] { expect_scope_syntax(canned(200, R"({"scope":"read\\write"})")); }));
}

TEST(ClassifyScopeTest, TellsSpacingFromIllegalCharacters) {
  EXPECT_EQ(classify_scope("read write"), ScopeShape::kValid);
  EXPECT_EQ(classify_scope(" read"), ScopeShape::kBadSpacing);
  EXPECT_EQ(classify_scope("read "), ScopeShape::kBadSpacing);
  EXPECT_EQ(classify_scope("read\"x"), ScopeShape::kIllegal);
  EXPECT_EQ(classify_scope("r\xc3\xa9"
                           "ad"),
            ScopeShape::kIllegal);
  EXPECT_TRUE(same_scope_set("read write", "write  read"));
  EXPECT_FALSE(same_scope_set("read", "read write"));
}

TEST(GrantedScopeTest, MemberOrRequestedOrNothing) {
  EXPECT_EQ(granted_scope(canned(200, kToken), "read"), "read write");
  EXPECT_EQ(granted_scope(canned(200, kTokenNoScope), "read"), "read");
  EXPECT_EQ(granted_scope(canned(400, R"({"error":"invalid_scope"})"), "read"), std::nullopt);
  EXPECT_EQ(granted_scope(canned(200, R"({"access_token":"a","scope":["read"]})"), "read"),
            std::nullopt);
}

TEST(ScopeHelpersTest, ContainsSubsetWithWithout) {
  EXPECT_TRUE(scope_contains("read write", "write"));
  EXPECT_FALSE(scope_contains("read write", "WRITE"));
  EXPECT_FALSE(scope_contains("readwrite", "read"));
  EXPECT_TRUE(scope_subset("write", "read write"));
  EXPECT_TRUE(scope_subset("", "read"));
  EXPECT_FALSE(scope_subset("read admin", "read write"));
  EXPECT_EQ(scope_with("read", "write"), "read write");
  EXPECT_EQ(scope_with("read write", "read"), "read write");
  EXPECT_EQ(scope_with("", "admin"), "admin");
  EXPECT_EQ(scope_without("read write groups", "write"), "read groups");
}

// ---- scope checks

TEST(ExpectScopeWithinTest, PassesForSubsetFailsForExtra) {
  EXPECT_TRUE(passed([] { expect_scope_within("read", "read write"); }));
  auto f = findings_of([] { expect_scope_within("read admin", "read"); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_FALSE(f[0].passed);
  EXPECT_EQ(f[0].id, "scope_within");
  EXPECT_THAT(f[0].actual, HasSubstr("admin"));
}

TEST(ExpectScopeCoversTest, PassesForSupersetFailsForMissing) {
  EXPECT_TRUE(passed([] { expect_scope_covers("read write", "write"); }));
  EXPECT_TRUE(failed([] { expect_scope_covers("read", "read write"); }));
}

TEST(ExpectScopeEqualTest, OrderDoesNotMatterCaseDoes) {
  EXPECT_TRUE(passed([] { expect_scope_equal("write read", "read write"); }));
  EXPECT_TRUE(failed([] { expect_scope_equal("READ write", "read write"); }));
}

TEST(ExpectScopeLacksTest, PassesWithoutFailsWith) {
  EXPECT_TRUE(passed([] { expect_scope_lacks("read", "write"); }));
  EXPECT_TRUE(failed([] { expect_scope_lacks("read write", "write"); }));
}

TEST(ExpectScopeValueNotGrantedTest, RefusalOrReportedWithoutPasses) {
  EXPECT_TRUE(passed([] {
    expect_scope_value_not_granted(canned(400, R"({"error":"invalid_scope"})"), "admin");
  }));
  EXPECT_TRUE(passed([] { expect_scope_value_not_granted(canned(200, kToken), "admin"); }));
}

TEST(ExpectScopeValueNotGrantedTest, OmittedOrListedFails) {
  auto f = findings_of([] { expect_scope_value_not_granted(canned(200, kTokenNoScope), "admin"); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_FALSE(f[0].passed);
  EXPECT_THAT(f[0].actual, HasSubstr("omitted"));
  EXPECT_TRUE(failed([] { expect_scope_value_not_granted(canned(200, kToken), "write"); }));
  EXPECT_TRUE(failed([] {
    expect_scope_value_not_granted(canned(200, R"({"access_token":"a","scope":7})"), "x");
  }));
}

TEST(ScopeOutcomeTest, TokenInvalidScopeOrOther) {
  EXPECT_EQ(scope_outcome(canned(200, kToken)), "token issued");
  EXPECT_EQ(scope_outcome(canned(400, R"({"error":"invalid_scope"})")), "invalid_scope");
  EXPECT_EQ(scope_outcome(canned(400, R"({"error":"invalid_request"})")),
            "other (400 invalid_request)");
}

TEST(ExpectDefaultScopeOutcomeTest, TokenOrInvalidScopeOnly) {
  EXPECT_TRUE(passed([] { expect_default_scope_outcome(canned(200, kToken)); }));
  EXPECT_TRUE(
      passed([] { expect_default_scope_outcome(canned(400, R"({"error":"invalid_scope"})")); }));
  EXPECT_TRUE(failed([] { expect_default_scope_outcome(canned(500, "")); }));
}

TEST(ExpectSameScopeOutcomeTest, EmptyParameterLikeOmitted) {
  EXPECT_TRUE(passed([] { expect_same_scope_outcome(canned(200, kToken), canned(200, kToken)); }));
  EXPECT_TRUE(failed([] {
    expect_same_scope_outcome(canned(400, R"({"error":"invalid_scope"})"), canned(200, kToken));
  }));
}

TEST(ExpectScopeCharactersTest, AbsentOrLegalCharacters) {
  EXPECT_TRUE(passed([] { expect_scope_characters(canned(200, R"({"access_token":"a"})")); }));
  EXPECT_TRUE(passed([] { expect_scope_characters(canned(200, R"({"scope":"read  write"})")); }));
  EXPECT_TRUE(failed([] { expect_scope_characters(canned(200, R"({"scope":["read"]})")); }));
  EXPECT_TRUE(failed([] { expect_scope_characters(canned(200, R"({"scope":"read\"write"})")); }));
}

TEST(ExpectScopeSpacingTest, SingleSpacesOnly) {
  EXPECT_TRUE(passed([] { expect_scope_spacing(canned(200, R"({"scope":"read write"})")); }));
  EXPECT_TRUE(failed([] { expect_scope_spacing(canned(200, R"({"scope":"read  write"})")); }));
  EXPECT_TRUE(findings_of([] { expect_scope_spacing(canned(200, R"({"scope":7})")); }).empty());
}

}  // namespace
}  // namespace ock::conformance::checks
