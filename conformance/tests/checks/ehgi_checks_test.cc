// Unit tests of checks_ehgi (scope, refresh, bearer-usage and expiry checks): each check against
// canned exchanges in its passing and its failing shape, the pure scope helpers, and the Probe
// helpers (fresh grant with a refresh token, short-lived grant) over a scripted transport.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>

#include "conformance/catalog/checks_ehgi.h"
#include "conformance/tests/checks/canned.h"

namespace ock::conformance::catalog {
namespace {

using testing::canned;
using testing::failed;
using testing::findings_of;
using ::testing::HasSubstr;
using testing::passed;

const std::string kToken =
    R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600,)"
    R"("refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","scope":"read write"})";
const std::string kTokenNoScope =
    R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3})";

HttpExchange challenged(int status, std::string value) {
  return canned(status, "", {{"WWW-Authenticate", std::move(value)}});
}

// ---- scope helpers

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

TEST(TokenMembersTest, AccessAndRefreshTokens) {
  EXPECT_EQ(access_token_of(canned(200, kToken)), "2YotnFZFEjr1zCsicMWpAA");
  EXPECT_EQ(refresh_token_of(canned(200, kToken)), "tGzv3JOkF0XG5Qx2TlKWIA");
  EXPECT_EQ(refresh_token_of(canned(200, kTokenNoScope)), std::nullopt);
  EXPECT_EQ(refresh_token_of(canned(200, R"({"refresh_token":""})")), std::nullopt);
  EXPECT_EQ(introspected_scope(canned(200, R"({"active":true,"scope":"read"})")), "read");
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

TEST(ExpectExpiresInAtMostTest, BoundAndUnknown) {
  EXPECT_TRUE(passed([] { expect_expires_in_at_most(canned(200, kToken), 3600); }));
  EXPECT_TRUE(failed([] { expect_expires_in_at_most(canned(200, kToken), 3599); }));
  auto f =
      findings_of([] { expect_expires_in_at_most(canned(200, R"({"access_token":"a"})"), 3600); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_FALSE(f[0].passed);
  EXPECT_THAT(f[0].actual, HasSubstr("unknown"));
}

// ---- resource server

TEST(ExpectSuccessTest, TwoHundredsOnly) {
  EXPECT_TRUE(passed([] { expect_success(canned(204)); }));
  EXPECT_TRUE(failed([] { expect_success(canned(401)); }));
  EXPECT_TRUE(passed([] { expect_refused(canned(403)); }));
  EXPECT_TRUE(failed([] { expect_refused(canned(200)); }));
}

TEST(ExpectBearerChallengeWithoutErrorTest, ErrorAttributeFails) {
  EXPECT_TRUE(passed(
      [] { expect_bearer_challenge_without_error(challenged(401, R"(Bearer realm="api")")); }));
  EXPECT_TRUE(failed([] {
    expect_bearer_challenge_without_error(
        challenged(401, R"(Bearer realm="api", error="invalid_token")"));
  }));
  // Another scheme's error attribute is not the Bearer challenge's business.
  EXPECT_TRUE(passed([] {
    expect_bearer_challenge_without_error(
        challenged(401, R"(Bearer realm="api", Other error="x")"));
  }));
}

TEST(ChallengeSyntaxTest, GrammaticalChallengesPass) {
  EXPECT_EQ(challenge_syntax_problem(challenged(401, R"(Bearer realm="api")")), std::nullopt);
  EXPECT_EQ(challenge_syntax_problem(challenged(
                403, R"(Bearer realm="example", error="insufficient_scope", scope="read write")")),
            std::nullopt);
  EXPECT_EQ(challenge_syntax_problem(challenged(401, "Bearer")), std::nullopt);
  EXPECT_EQ(challenge_syntax_problem(challenged(401, R"(Basic realm="a", Bearer realm="b")")),
            std::nullopt);
  EXPECT_EQ(challenge_syntax_problem(canned(400)), std::nullopt);  // a 400 needs no challenge
  EXPECT_TRUE(passed([] { expect_challenge_syntax(challenged(401, R"(Bearer realm="api")")); }));
}

TEST(ChallengeSyntaxTest, ViolationsAreNamed) {
  EXPECT_THAT(
      challenge_syntax_problem(challenged(401, R"(Bearer realm="a", realm="b")")).value_or(""),
      HasSubstr("realm"));
  EXPECT_THAT(
      challenge_syntax_problem(challenged(401, R"(Bearer realm="unterminated)")).value_or(""),
      HasSubstr("does not parse"));
  EXPECT_THAT(
      challenge_syntax_problem(challenged(401, R"(Bearer error_description="caf\é")")).value_or(""),
      HasSubstr("error_description"));
  EXPECT_THAT(
      challenge_syntax_problem(challenged(401, R"(Bearer scope="read  write")")).value_or(""),
      HasSubstr("scope"));
  EXPECT_THAT(challenge_syntax_problem(canned(401)).value_or(""), HasSubstr("401 without"));
  EXPECT_THAT(challenge_syntax_problem(challenged(401, R"(Basic realm="x")")).value_or(""),
              HasSubstr("401 without"));
  auto f = findings_of([] { expect_challenge_syntax(challenged(401, "Bearer realm=")); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_FALSE(f[0].passed);
  EXPECT_EQ(f[0].id, "challenge_syntax");
}

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

// ---- Probe helpers over a scripted transport

class ScriptedTransport : public Transport {
 public:
  std::deque<HttpExchange> replies;
  int sent = 0;
  Result<HttpExchange, TransportError> send(const HttpRequest& request) override {
    ++sent;
    if (replies.empty()) return fail(TransportError{TransportError::Kind::kOther, "no reply"});
    HttpExchange x = replies.front();
    replies.pop_front();
    x.request = request;
    return x;
  }
};

class FrozenSleeper : public Sleeper {
 public:
  TimePoint now() const override { return t_; }
  std::int64_t unix_seconds() const override { return 1'700'000'000; }
  void sleep_until(TimePoint deadline) override { t_ = std::max(t_, deadline); }

 private:
  TimePoint t_{};
};

class ProbeHelpersTest : public ::testing::Test {
 protected:
  ProbeHelpersTest() {
    profile_.token_url = "http://as.test/token";
    profile_.clients["primary"] = {.role = "primary", .id = "c", .secret = "s"};
    profile_.users["primary"] = {.role = "primary", .username = "u", .password = "p"};
    profile_.timing.max_wait_s = 10;
  }
  // Runs fn on a Probe; returns the skip reason, or "" when the helper did not skip.
  std::string run(const std::function<void(Probe&)>& fn) {
    Recorder recorder;
    RecorderScope scope(recorder);
    Probe p(case_, profile_, transport_, sleeper_, state_, recorder);
    try {
      fn(p);
    } catch (const CaseSkipped& s) {
      return s.reason;
    }
    return "";
  }

  Case case_{.id = "test.case"};
  Profile profile_;
  ScriptedTransport transport_;
  FrozenSleeper sleeper_;
  RunState state_;
};

TEST_F(ProbeHelpersTest, RefreshGrantSkipsWhenC1HadNoRefreshToken) {
  state_.publish("password.success.basic", canned(200, kTokenNoScope));
  EXPECT_EQ(run([](Probe& p) { obtain_refresh_grant(p); }), "no refresh token issued");
  EXPECT_EQ(transport_.sent, 0);  // decided before sending anything
}

TEST_F(ProbeHelpersTest, RefreshGrantSkipsWhenTheFreshGrantHasNone) {
  transport_.replies.push_back(canned(200, kTokenNoScope));
  EXPECT_EQ(run([](Probe& p) { obtain_refresh_grant(p); }), "no refresh token issued");
}

TEST_F(ProbeHelpersTest, RefreshGrantReturnsTheGrant) {
  state_.publish("password.success.basic", canned(200, kToken));
  transport_.replies.push_back(canned(200, kToken));
  std::optional<std::string> rt;
  EXPECT_EQ(run([&](Probe& p) { rt = obtain_refresh_grant(p).refresh_token; }), "");
  EXPECT_EQ(rt, "tGzv3JOkF0XG5Qx2TlKWIA");
}

TEST_F(ProbeHelpersTest, ShortGrantUsesTheShortClientAndChecksMaxWait) {
  profile_.clients["short_lived"] = {.role = "short_lived", .id = "short", .secret = "x"};
  EXPECT_EQ(short_client_role(profile_), "short_lived");
  transport_.replies.push_back(canned(200, kTokenNoScope));  // expires_in 3
  EXPECT_EQ(run([](Probe& p) { obtain_short_grant(p); }), "");
  transport_.replies.push_back(canned(200, kToken));  // expires_in 3600 > max_wait 10
  EXPECT_THAT(run([](Probe& p) { obtain_short_grant(p); }), HasSubstr("max_wait"));
  transport_.replies.push_back(canned(200, R"({"access_token":"a","token_type":"Bearer"})"));
  EXPECT_THAT(run([](Probe& p) { obtain_short_grant(p); }), HasSubstr("no expires_in"));
}

TEST_F(ProbeHelpersTest, ShortClientRoleFallsBackToPrimary) {
  EXPECT_EQ(short_client_role(profile_), "primary");
}

}  // namespace
}  // namespace ock::conformance::catalog
