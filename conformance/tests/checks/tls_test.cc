// Unit tests of checks/tls.h, each check in its passing and its failing shape.
#include "conformance/checks/tls.h"

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

Attempt no_answer(TransportError::Kind kind, std::string message) {
  return fail(TransportError{kind, std::move(message)});
}

TEST(ExpectCertificateValidTest, OnlyATlsErrorFails) {
  EXPECT_TRUE(passed([] { expect_certificate_valid(Attempt(canned(200))); }));
  EXPECT_TRUE(passed(
      [] { expect_certificate_valid(no_answer(TransportError::Kind::kTimeout, "timed out")); }));
  auto f = findings_of([] {
    expect_certificate_valid(no_answer(TransportError::Kind::kTls, "self-signed certificate"));
  });
  EXPECT_FALSE(f.at(0).passed);
  EXPECT_EQ(f[0].actual, "self-signed certificate");
}

TEST(ExpectVerifiedRunTest, InsecureFails) {
  EXPECT_TRUE(passed([] { expect_verified_run(false); }));
  EXPECT_TRUE(failed([] { expect_verified_run(true); }));
}

TEST(ExpectVersionTest, RefusedAndAccepted) {
  EXPECT_TRUE(passed([] { expect_version_refused("TLS 1.0", false); }));
  EXPECT_TRUE(failed([] { expect_version_refused("TLS 1.0", true); }));
  EXPECT_TRUE(passed([] { expect_version_accepted("TLS 1.3", true); }));
  EXPECT_TRUE(failed([] { expect_version_accepted("TLS 1.3", false); }));
}

TEST(ExpectModernTlsTest, EitherModernVersionPasses) {
  EXPECT_TRUE(passed([] { expect_modern_tls(true, false); }));
  EXPECT_TRUE(passed([] { expect_modern_tls(false, true); }));
  EXPECT_TRUE(failed([] { expect_modern_tls(false, false); }));
}

TEST(ExpectNoCleartextProcessingTest, NoAnswerOrANonOAuthReplyPasses) {
  EXPECT_TRUE(passed([] {
    expect_no_cleartext_processing(no_answer(TransportError::Kind::kConnect, "refused"));
  }));
  EXPECT_TRUE(passed([] { expect_no_cleartext_processing(Attempt(canned(426, ""))); }));
  EXPECT_TRUE(failed([] {
    expect_no_cleartext_processing(Attempt(canned(401, R"({"error":"invalid_client"})")));
  }));
  EXPECT_TRUE(failed([] { expect_no_cleartext_processing(Attempt(canned(200, kToken))); }));
}

TEST(ExpectNoRedirectTest, ARedirectFailsNoAnswerRecordsNothing) {
  EXPECT_TRUE(passed([] { expect_no_redirect(Attempt(canned(400))); }));
  EXPECT_TRUE(failed([] {
    expect_no_redirect(Attempt(canned(301, "", {{"Location", "https://x"}})));
  }));
  EXPECT_TRUE(findings_of([] {
                expect_no_redirect(no_answer(TransportError::Kind::kConnect, "refused"));
              }).empty());
}

TEST(TestsslFindingsTest, SevereFindingsFailWarningsBecomeNotes) {
  auto report = nlohmann::json::parse(R"([
    {"id": "heartbleed", "severity": "CRITICAL", "finding": "vulnerable"},
    {"id": "cipherlist_3DES", "severity": "HIGH", "finding": "offered"},
    {"id": "scan_time", "severity": "WARN", "finding": "could not test"},
    {"id": "clean", "severity": "OK", "finding": "fine"},
    {"id": 5, "severity": ["odd"]},
    7
  ])");
  auto f = findings_of([&] { expect_no_severe_testssl_findings(report); });
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].id, "testssl#heartbleed");
  EXPECT_FALSE(f[0].passed);
  EXPECT_EQ(f[1].id, "testssl#cipherlist_3DES");
  EXPECT_THAT(testssl_warnings(report), ::testing::ElementsAre("scan_time: could not test"));
  EXPECT_TRUE(passed(
      [] { expect_no_severe_testssl_findings(nlohmann::json::parse(R"([{"severity":"LOW"}])")); }));
}

}  // namespace
}  // namespace ock::conformance::checks
