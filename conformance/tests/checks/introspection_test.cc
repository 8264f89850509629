// Unit tests of checks/introspection.h (RFC 7662 introspection replies): each check in its passing
// and its failing shape.
#include "conformance/checks/introspection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "conformance/checks/grammar.h"
#include "conformance/checks/introspection.h"
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

// ---- introspection

TEST(ExpectIntrospectionActiveTest, BooleanMustMatch) {
  EXPECT_TRUE(
      passed([] { expect_introspection_active(canned(200, R"({"active":false})"), false); }));
  EXPECT_TRUE(passed(
      [] { expect_introspection_active(canned(200, R"({"active":true,"scope":"read"})"), true); }));
  EXPECT_TRUE(
      failed([] { expect_introspection_active(canned(200, R"({"active":true})"), false); }));
  EXPECT_TRUE(
      failed([] { expect_introspection_active(canned(200, R"({"active":"false"})"), false); }));
  EXPECT_TRUE(
      failed([] { expect_introspection_active(canned(401, R"({"active":false})"), false); }));
  EXPECT_TRUE(failed([] { expect_introspection_active(canned(200, "not json"), false); }));
}

TEST(OnlyActiveMemberTest, PassesOnMinimalReplyAndFailsOnExtras) {
  EXPECT_TRUE(only(findings_of([] {
                expect_only_active_member(canned(200, R"({"active":false})"));
              })).passed);
  auto f = only(findings_of(
      [] { expect_only_active_member(canned(200, R"({"active":false,"reason":"revoked"})")); }));
  EXPECT_FALSE(f.passed);
  EXPECT_NE(f.actual.find("reason"), std::string::npos);
}

TEST(MemberTypeTest, IntegerMember) {
  EXPECT_TRUE(only(findings_of([] {
                expect_integer_member_if_present(canned(200, R"({"active":true})"), "exp");
              })).passed);
  EXPECT_TRUE(only(findings_of([] {
                expect_integer_member_if_present(canned(200, R"({"exp":1700000000})"), "exp");
              })).passed);
  auto f = only(findings_of(
      [] { expect_integer_member_if_present(canned(200, R"({"exp":"1700000000"})"), "exp"); }));
  EXPECT_FALSE(f.passed);
  EXPECT_EQ(f.id, "exp_type");
}

TEST(MemberTypeTest, StringMemberAndValue) {
  EXPECT_TRUE(only(findings_of([] {
                expect_string_member_if_present(canned(200, R"({"client_id":"c"})"), "client_id");
              })).passed);
  EXPECT_FALSE(only(findings_of([] {
                 expect_string_member_if_present(canned(200, R"({"client_id":7})"), "client_id");
               })).passed);
  EXPECT_TRUE(only(findings_of([] {
                expect_member_equals_if_present(canned(200, R"({"active":true})"), "client_id",
                                                "c");
              })).passed);
  EXPECT_FALSE(only(findings_of([] {
                 expect_member_equals_if_present(canned(200, R"({"client_id":"other"})"),
                                                 "client_id", "c");
               })).passed);
}

TEST(ScopeSetTest, OrderInsensitiveAndContradiction) {
  EXPECT_TRUE(only(findings_of([] {
                expect_scope_set_if_present(canned(200, R"({"scope":"write read"})"), "read write");
              })).passed);
  EXPECT_FALSE(only(findings_of([] {
                 expect_scope_set_if_present(canned(200, R"({"scope":"read admin"})"), "read");
               })).passed);
}

TEST(ExpNearTest, WithinAndOutsideLeeway) {
  EXPECT_TRUE(
      only(findings_of([] { expect_exp_near(canned(200, R"({"exp":1003})"), 1000, 5); })).passed);
  EXPECT_FALSE(
      only(findings_of([] { expect_exp_near(canned(200, R"({"exp":1100})"), 1000, 5); })).passed);
  EXPECT_FALSE(only(findings_of([] {
                 expect_exp_near(canned(200, R"({"active":true})"), 1000, 5);
               })).passed);
}

TEST(ExpectNoDisclosureTest, ActiveTrueFails) {
  EXPECT_TRUE(passed([] { expect_no_disclosure(canned(401, R"({"error":"invalid_client"})")); }));
  EXPECT_TRUE(passed([] { expect_no_disclosure(canned(200, R"({"active":false})")); }));
  EXPECT_TRUE(
      failed([] { expect_no_disclosure(canned(200, R"({"active":true,"scope":"read"})")); }));
  EXPECT_TRUE(introspection_active(canned(200, R"({"active":true})")));
  EXPECT_FALSE(introspection_active(canned(200, R"({"active":"true"})")));
}

}  // namespace
}  // namespace ock::conformance::checks
