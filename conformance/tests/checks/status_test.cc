// Unit tests of checks/status.h (outcome of an exchange: status, error code, token issued, served
// or refused): each check in its passing and its failing shape.
#include "conformance/checks/status.h"

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

TEST(ExpectStatusTest, PassesOnTheStatusAndFailsOtherwise) {
  EXPECT_TRUE(passed([] { expect_status(canned(400), 400); }));
  EXPECT_TRUE(failed([] { expect_status(canned(200), 400); }));
}

TEST(ExpectStatusTest, RecordsExpectedActualAndDefaultId) {
  auto f = findings_of([] { expect_status(canned(200, kToken), 400); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "status");
  EXPECT_EQ(f[0].expected, "400");
  EXPECT_THAT(f[0].actual, HasSubstr("200"));
}

TEST(ExpectStatusTest, TagSetsIdAndLevel) {
  auto f = findings_of(
      [] { expect_status(canned(401), 400, {.id = "status#x", .level = Level::kShould}); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "status#x");
  EXPECT_EQ(f[0].level, Level::kShould);
}

TEST(ExpectStatusInTest, AcceptsAnyListedStatus) {
  EXPECT_TRUE(passed([] { expect_status_in(canned(401), {400, 401}); }));
  EXPECT_TRUE(failed([] { expect_status_in(canned(403), {400, 401}); }));
}

TEST(RequireStatusTest, AbortsTheCaseOnMismatch) {
  EXPECT_THROW(
      {
        Recorder r;
        RecorderScope s(r);
        require_status(canned(500), 200);
      },
      CaseAborted);
  EXPECT_TRUE(passed([] { require_status(canned(200), 200); }));
}

TEST(ExpectClientErrorTest, OnlyFourHundreds) {
  EXPECT_TRUE(passed([] { expect_client_error(canned(404)); }));
  EXPECT_TRUE(failed([] { expect_client_error(canned(500)); }));
  EXPECT_TRUE(failed([] { expect_client_error(canned(200)); }));
}

TEST(ExpectNoServerErrorTest, FailsOnFiveHundreds) {
  EXPECT_TRUE(passed([] { expect_no_server_error(canned(400)); }));
  EXPECT_TRUE(failed([] { expect_no_server_error(canned(503)); }));
}

TEST(ExpectErrorCodeTest, ComparesTheErrorMember) {
  EXPECT_TRUE(passed(
      [] { expect_error_code(canned(400, R"({"error":"invalid_grant"})"), "invalid_grant"); }));
  auto f = findings_of(
      [] { expect_error_code(canned(400, R"({"error":"invalid_request"})"), "invalid_grant"); });
  EXPECT_THAT(f, ElementsAre(Field(&Finding::actual, "invalid_request")));
  EXPECT_TRUE(failed([] { expect_error_code(canned(400, "<html>"), "invalid_grant"); }));
  EXPECT_TRUE(failed([] { expect_error_code(canned(400, R"({"error":7})"), "invalid_grant"); }));
}

TEST(ExpectErrorCodeInTest, AcceptsAnyListedCode) {
  EXPECT_TRUE(passed([] {
    expect_error_code_in(canned(401, R"({"error":"invalid_client"})"),
                         {"invalid_request", "invalid_client"});
  }));
  EXPECT_TRUE(failed([] {
    expect_error_code_in(canned(400, R"({"error":"invalid_grant"})"),
                         {"invalid_request", "invalid_client"});
  }));
}

TEST(ExpectNoTokenIssuedTest, FailsOnlyWhenATokenCameBack) {
  EXPECT_TRUE(passed([] { expect_no_token_issued(canned(400, R"({"error":"invalid_grant"})")); }));
  EXPECT_TRUE(failed([] { expect_no_token_issued(canned(200, kToken)); }));
  EXPECT_TRUE(passed([] { expect_no_token_issued(canned(200, R"({"access_token":""})")); }));
}

TEST(RequireTokenIssuedTest, AbortsWithoutAToken) {
  EXPECT_TRUE(passed([] { require_token_issued(canned(200, kToken)); }));
  EXPECT_THROW(
      {
        Recorder r;
        RecorderScope s(r);
        require_token_issued(canned(400, R"({"error":"invalid_grant"})"));
      },
      CaseAborted);
}

// ---- token endpoint

TEST(ExpectTokenIssuedTest, Only200WithAccessToken) {
  EXPECT_TRUE(passed([] { expect_token_issued(canned(200, kToken)); }));
  EXPECT_TRUE(failed([] { expect_token_issued(canned(201, kToken)); }));
  EXPECT_TRUE(failed([] { expect_token_issued(canned(400, R"({"error":"invalid_grant"})")); }));
}

TEST(ExpectAtMostOneTokenTest, CountsIssuedReplies) {
  auto ok = canned(200, kToken);
  auto no = canned(400, R"({"error":"invalid_grant"})");
  EXPECT_TRUE(passed([&] { expect_at_most_one_token({ok, no}); }));
  EXPECT_TRUE(passed([&] { expect_at_most_one_token({no, no}); }));
  auto f = findings_of([&] { expect_at_most_one_token({ok, ok}); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_FALSE(f[0].passed);
  EXPECT_THAT(f[0].actual, HasSubstr("2 issued"));
}

// ---- resource server

TEST(ExpectSuccessTest, TwoHundredsOnly) {
  EXPECT_TRUE(passed([] { expect_success(canned(204)); }));
  EXPECT_TRUE(failed([] { expect_success(canned(401)); }));
  EXPECT_TRUE(passed([] { expect_refused(canned(403)); }));
  EXPECT_TRUE(failed([] { expect_refused(canned(200)); }));
}

TEST(ExpectFoundTest, Only404Fails) {
  EXPECT_TRUE(passed([] { expect_found(canned(200), "a metadata document"); }));
  auto f = findings_of([] { expect_found(canned(404), "a metadata document at /x"); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "published");
  EXPECT_FALSE(f[0].passed);
  EXPECT_EQ(f[0].expected, "a metadata document at /x");
}

TEST(ExpectCredentialsNotEvaluatedTest, InvalidGrantFails) {
  EXPECT_TRUE(passed(
      [] { expect_credentials_not_evaluated(canned(400, R"({"error":"invalid_request"})")); }));
  EXPECT_TRUE(failed(
      [] { expect_credentials_not_evaluated(canned(400, R"({"error":"invalid_grant"})")); }));
}

TEST(ExpectMethodRefusedTest, Only405OrInvalidRequest) {
  EXPECT_TRUE(passed([] { expect_method_refused(canned(405, "")); }));
  EXPECT_TRUE(passed([] { expect_method_refused(canned(400, R"({"error":"invalid_request"})")); }));
  EXPECT_TRUE(failed([] { expect_method_refused(canned(400, R"({"error":"invalid_grant"})")); }));
  EXPECT_TRUE(failed([] { expect_method_refused(canned(200, kToken)); }));
}

TEST(ExpectClientAuthErrorTest, InvalidRequestOrInvalidClientOnly) {
  EXPECT_TRUE(
      passed([] { expect_client_auth_error(canned(400, R"({"error":"invalid_request"})")); }));
  EXPECT_TRUE(
      passed([] { expect_client_auth_error(canned(401, R"({"error":"invalid_client"})")); }));
  EXPECT_TRUE(
      failed([] { expect_client_auth_error(canned(400, R"({"error":"invalid_client"})")); }));
  EXPECT_TRUE(failed([] { expect_client_auth_error(canned(500, "")); }));
}

TEST(ExpectNotBothIssuedTest, BothTokensFail) {
  EXPECT_TRUE(passed([] { expect_not_both_issued(canned(200, kToken), canned(401, "")); }));
  EXPECT_TRUE(failed([] { expect_not_both_issued(canned(200, kToken), canned(200, kToken)); }));
}

TEST(ExpectGrantDisabledTest, AWorkingGrantFails) {
  EXPECT_TRUE(passed([] { expect_grant_disabled("password", std::nullopt); }));
  EXPECT_TRUE(passed([] { expect_grant_disabled("password", "fails"); }));
  auto f = findings_of([] { expect_grant_disabled("password", "works"); });
  EXPECT_EQ(f.at(0).id, "password_grant_disabled");
  EXPECT_FALSE(f[0].passed);
}

}  // namespace
}  // namespace ock::conformance::checks
