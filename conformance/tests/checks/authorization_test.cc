// Unit tests of checks/authorization.h: what the authorization endpoint answered, each check in
// its passing and its failing shape.
#include "conformance/checks/authorization.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/tests/checks/canned.h"

namespace ock::conformance::checks {
namespace {

using namespace engine;        // NOLINT
using namespace test_support;  // NOLINT

AuthorizationOutcome redirect(std::vector<std::pair<std::string, std::string>> params,
                              std::string location = "https://client.example/cb?x") {
  AuthorizationOutcome o;
  o.redirected = true;
  o.location = std::move(location);
  o.params = std::move(params);
  o.state = "s-123";
  return o;
}

AuthorizationOutcome stuck(std::string why) {
  AuthorizationOutcome o;
  o.stopped = std::move(why);
  return o;
}

TEST(ExpectCodeIssuedTest, ACodeWithoutAnErrorPasses) {
  EXPECT_TRUE(passed([] { expect_code_issued(redirect({{"code", "c"}, {"state", "s-123"}})); }));
  EXPECT_TRUE(failed([] { expect_code_issued(redirect({{"error", "access_denied"}})); }));
  EXPECT_TRUE(failed([] { expect_code_issued(stuck("status 400 and no redirect")); }));
  EXPECT_TRUE(passed([] { require_code_issued(redirect({{"code", "c"}})); }));
  EXPECT_THROW(
      {
        Recorder r;
        RecorderScope s(r);
        require_code_issued(stuck("a page"));
      },
      CaseAborted);
}

TEST(ExpectNoCodeTest, OnlyACodeFails) {
  EXPECT_TRUE(passed([] { expect_no_code(stuck("status 400")); }));
  EXPECT_TRUE(passed([] { expect_no_code(redirect({{"error", "invalid_request"}})); }));
  EXPECT_TRUE(failed([] { expect_no_code(redirect({{"code", "c"}})); }));
}

TEST(ExpectAuthorizationErrorTest, TheNamedErrorInTheRedirect) {
  EXPECT_TRUE(passed([] {
    expect_authorization_error(redirect({{"error", "invalid_scope"}}), {"invalid_scope"});
  }));
  EXPECT_TRUE(failed([] {
    expect_authorization_error(redirect({{"error", "server_error"}}), {"invalid_scope"});
  }));
  EXPECT_TRUE(failed([] { expect_authorization_error(stuck("400"), {"invalid_scope"}); }));
}

TEST(ExpectStateReturnedTest, UnchangedOnly) {
  EXPECT_TRUE(passed([] { expect_state_returned(redirect({{"code", "c"}, {"state", "s-123"}})); }));
  EXPECT_TRUE(failed([] { expect_state_returned(redirect({{"code", "c"}, {"state", "s 123"}})); }));
  EXPECT_TRUE(failed([] { expect_state_returned(redirect({{"code", "c"}})); }));
}

TEST(ExpectIssTest, EqualToTheIssuer) {
  EXPECT_TRUE(passed([] { expect_iss(redirect({{"iss", "https://as"}}), "https://as"); }));
  EXPECT_TRUE(failed([] { expect_iss(redirect({{"iss", "https://as/"}}), "https://as"); }));
  EXPECT_TRUE(failed([] { expect_iss(redirect({{"code", "c"}}), "https://as"); }));
}

TEST(ExpectNoRedirectToTest, ARedirectThereFails) {
  EXPECT_TRUE(
      passed([] { expect_no_redirect_to(stuck("status 400"), "https://evil.example/cb"); }));
  EXPECT_TRUE(failed([] {
    expect_no_redirect_to(redirect({{"code", "c"}}, "https://evil.example/cb?code=c"),
                          "https://evil.example/cb");
  }));
  // A near miss with an extra query parameter: a redirect that kept it went there; one to the
  // registered URI without it did not.
  EXPECT_TRUE(failed([] {
    expect_no_redirect_to(redirect({{"code", "c"}}, "https://c.example/cb?ock=1&code=c"),
                          "https://c.example/cb?ock=1");
  }));
  EXPECT_TRUE(passed([] {
    expect_no_redirect_to(redirect({{"error", "e"}}, "https://c.example/cb?error=e"),
                          "https://c.example/cb?ock=1");
  }));
}

TEST(ExpectNoTokenInRedirectTest, AnAccessTokenFails) {
  EXPECT_TRUE(passed([] { expect_no_token_in_redirect(redirect({{"error", "x"}})); }));
  EXPECT_TRUE(failed([] { expect_no_token_in_redirect(redirect({{"access_token", "t"}})); }));
}

TEST(ExpectFrameProtectionTest, HeaderOrCsp) {
  EXPECT_TRUE(passed([] {
    expect_frame_protection(canned(200, "", {{"X-Frame-Options", "DENY"}}));
  }));
  EXPECT_TRUE(passed([] {
    expect_frame_protection(canned(
        200, "", {{"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"}}));
  }));
  EXPECT_TRUE(failed([] {
    expect_frame_protection(canned(200, "", {{"X-Frame-Options", "ALLOWALL"}}));
  }));
  EXPECT_TRUE(failed([] {
    expect_frame_protection(canned(200, "", {{"Content-Security-Policy", "frame-ancestors *"}}));
  }));
}

TEST(ExpectPkceEnforcedTest, OnlyATokenWithoutPkceFails) {
  EXPECT_TRUE(passed([] {
    expect_pkce_enforced(redirect({{"error", "invalid_request"}}), std::nullopt, "without PKCE");
  }));
  EXPECT_TRUE(passed([] {
    expect_pkce_enforced(redirect({{"code", "c"}}), canned(400, R"({"error":"invalid_grant"})"),
                         "without PKCE");
  }));
  EXPECT_TRUE(failed([] {
    expect_pkce_enforced(redirect({{"code", "c"}}), canned(200, kToken), "without PKCE");
  }));
}

}  // namespace
}  // namespace ock::conformance::checks
