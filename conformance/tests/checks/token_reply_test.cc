// Unit tests of checks/token_reply.h (token-reply members and the RFC 6749 §5.2 error format): each
// check in its passing and its failing shape.
#include "conformance/checks/token_reply.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "conformance/checks/grammar.h"
#include "conformance/checks/status.h"
#include "conformance/checks/token_reply.h"
#include "conformance/engine/form.h"
#include "conformance/tests/checks/canned.h"

namespace ock::conformance::checks {
namespace {

using namespace engine;        // NOLINT
using namespace test_support;  // NOLINT
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

TEST(ExpectTokenTypeTest, CaseInsensitiveBearer) {
  EXPECT_TRUE(passed([] { expect_token_type_bearer(canned(200, kToken)); }));
  EXPECT_TRUE(passed([] {
    expect_token_type_bearer(canned(200, R"({"access_token":"a","token_type":"bearer"})"));
  }));
  EXPECT_TRUE(failed(
      [] { expect_token_type_bearer(canned(200, R"({"access_token":"a","token_type":"mac"})")); }));
  EXPECT_TRUE(failed([] { expect_token_type_bearer(canned(200, R"({"access_token":"a"})")); }));
}

TEST(ExpectPositiveExpiresInTest, OnlyPositiveIntegerNumbers) {
  EXPECT_TRUE(passed([] { expect_positive_expires_in(canned(200, kToken)); }));
  EXPECT_TRUE(failed([] { expect_positive_expires_in(canned(200, R"({"expires_in":"3600"})")); }));
  EXPECT_TRUE(failed([] { expect_positive_expires_in(canned(200, R"({"expires_in":-5})")); }));
  EXPECT_TRUE(failed([] { expect_positive_expires_in(canned(200, R"({"expires_in":1.5})")); }));
  EXPECT_TRUE(failed([] { expect_positive_expires_in(canned(200, R"({})")); }));
}

TEST(ExpectTokenSyntaxTest, NonEmptyVscharString) {
  EXPECT_TRUE(passed([] { expect_token_syntax(canned(200, kToken), "access_token"); }));
  EXPECT_TRUE(
      failed([] { expect_token_syntax(canned(200, R"({"access_token":""})"), "access_token"); }));
  EXPECT_TRUE(
      failed([] { expect_token_syntax(canned(200, R"({"access_token":12})"), "access_token"); }));
  EXPECT_TRUE(failed(
      [] { expect_token_syntax(canned(200, R"({"access_token":"a\u0001b"})"), "access_token"); }));
  EXPECT_TRUE(failed([] { expect_token_syntax(canned(200, R"({})"), "refresh_token"); }));
  auto f = findings_of([] { expect_token_syntax(canned(200, kToken), "refresh_token"); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "refresh_token_syntax");
}

TEST(ExpectB64TokenTest, RejectsCharactersOutsideB64Token) {
  EXPECT_TRUE(passed(
      [] { expect_b64token(canned(200, R"({"access_token":"abc-._~+/=="})"), "access_token"); }));
  EXPECT_TRUE(
      failed([] { expect_b64token(canned(200, R"({"access_token":"a b"})"), "access_token"); }));
  EXPECT_TRUE(
      failed([] { expect_b64token(canned(200, R"({"access_token":"a=b"})"), "access_token"); }));
  EXPECT_TRUE(is_b64token("x=="));
  EXPECT_FALSE(is_b64token("=x"));
}

TEST(ExpectErrorResponseFormatTest, AcceptsAProperErrorReply) {
  EXPECT_TRUE(passed([] {
    expect_error_response_format(
        canned(400, R"({"error":"invalid_grant","error_description":"bad credentials"})"));
  }));
  EXPECT_TRUE(
      passed([] { expect_error_response_format(canned(401, R"({"error":"invalid_client"})")); }));
}

TEST(ExpectErrorResponseFormatTest, RejectsEachViolation) {
  EXPECT_TRUE(
      failed([] { expect_error_response_format(canned(401, R"({"error":"invalid_grant"})")); }));
  EXPECT_TRUE(
      failed([] { expect_error_response_format(canned(400, R"({"error":"bad_thing"})")); }));
  EXPECT_TRUE(
      failed([] { expect_error_response_format(canned(400, R"({"error_description":"x"})")); }));
  EXPECT_TRUE(failed([] {
    expect_error_response_format(
        canned(400, R"({"error":"invalid_grant","error_description":"say \"no\""})"));
  }));
  EXPECT_TRUE(failed([] {
    expect_error_response_format(
        canned(400, R"({"error":"invalid_grant"})", {{"Content-Type", "text/plain"}}));
  }));
  EXPECT_TRUE(failed([] { expect_error_response_format(canned(400, "<html>error</html>")); }));
}

TEST(ExpectExpiresInAtMostTest, BoundAndUnknown) {
  EXPECT_TRUE(passed([] { expect_expires_in_at_most(canned(200, kToken), 3600); }));
  EXPECT_TRUE(failed([] { expect_expires_in_at_most(canned(200, kToken), 3599); }));
  auto f =
      findings_of([] { expect_expires_in_at_most(canned(200, R"({"access_token":"a"})"), 3600); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_FALSE(f[0].passed);
  EXPECT_THAT(f[0].actual, HasSubstr("unknown"));
}

TEST(NoRefreshTokenTest, PresentAndAbsent) {
  EXPECT_TRUE(only(findings_of([] {
                expect_no_refresh_token(canned(200, R"({"access_token":"a"})"));
              })).passed);
  EXPECT_FALSE(only(findings_of([] {
                 expect_no_refresh_token(
                     canned(200, R"({"access_token":"a","refresh_token":"r"})"));
               })).passed);
}

TEST(ExpectTokenTypePresentTest, AbsentFails) {
  EXPECT_TRUE(passed([] { expect_token_type_present(canned(200, kToken)); }));
  EXPECT_TRUE(failed([] { expect_token_type_present(canned(200, R"({"access_token":"a"})")); }));
}

TEST(ExpectMemberPresentTest, AbsentFails) {
  EXPECT_TRUE(passed([] { expect_member_present(canned(200, kToken), "expires_in"); }));
  auto f = findings_of(
      [] { expect_member_present(canned(200, R"({"access_token":"a"})"), "expires_in"); });
  EXPECT_EQ(f.at(0).id, "expires_in_present");
  EXPECT_FALSE(f[0].passed);
}

TEST(ExpectExpiresInValueTest, PositiveIntegerOrDigitsOnly) {
  EXPECT_TRUE(passed([] { expect_expires_in_value(canned(200, R"({"expires_in":60})")); }));
  EXPECT_TRUE(passed([] { expect_expires_in_value(canned(200, R"({"expires_in":"60"})")); }));
  EXPECT_TRUE(failed([] { expect_expires_in_value(canned(200, R"({"expires_in":-1})")); }));
  EXPECT_TRUE(failed([] { expect_expires_in_value(canned(200, R"({"expires_in":1.5})")); }));
  EXPECT_TRUE(findings_of([] { expect_expires_in_value(canned(200, R"({})")); }).empty());
}

TEST(ExpectExpiresInNumberTest, AQuotedValueFails) {
  EXPECT_TRUE(passed([] { expect_expires_in_number(canned(200, R"({"expires_in":60})")); }));
  auto f = findings_of([] { expect_expires_in_number(canned(200, R"({"expires_in":"60"})")); });
  EXPECT_FALSE(f.at(0).passed);
  EXPECT_EQ(f[0].actual, R"(a quoted string "60")");
}

TEST(ExpectRotationOrSenderConstraintTest, RotatedOrConstrainedPasses) {
  EXPECT_TRUE(passed([] { expect_rotation_or_sender_constraint(canned(200, kToken), "old-rt"); }));
  EXPECT_TRUE(passed([] {
    expect_rotation_or_sender_constraint(
        canned(200, R"({"access_token":"a","token_type":"DPoP","refresh_token":"same"})"), "same");
  }));
  EXPECT_TRUE(failed([] {
    expect_rotation_or_sender_constraint(
        canned(200, R"({"access_token":"a","token_type":"bearer","refresh_token":"same"})"),
        "same");
  }));
}

TEST(ExpectTokenTypeTest, ComparesCaseInsensitively) {
  EXPECT_TRUE(passed([] { expect_token_type(canned(200, R"({"token_type":"dpop"})"), "DPoP"); }));
  EXPECT_TRUE(failed([] { expect_token_type(canned(200, kToken), "DPoP"); }));
}

}  // namespace
}  // namespace ock::conformance::checks
