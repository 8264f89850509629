// Unit tests of engine/grants.h (the grant helpers over a scripted transport).
#include "conformance/engine/grants.h"

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

  Case case_{.id = "test.case", .needs_facts = kAnyTokenSource};
  Profile profile_;
  ScriptedTransport transport_;
  FrozenSleeper sleeper_;
  RunState state_;
};

TEST_F(ProbeHelpersTest, RefreshGrantSkipsWhenC1HadNoRefreshToken) {
  state_.publish(facts::kPasswordReply, canned(200, kTokenNoScope));
  EXPECT_EQ(run([](Probe& p) { obtain_refresh_grant(p); }), "no refresh token issued");
  EXPECT_EQ(transport_.sent, 0);  // decided before sending anything
}

TEST_F(ProbeHelpersTest, AFactTheCaseDoesNotDeclareIsAProgrammingError) {
  case_.needs_facts.clear();
  try {
    run([](Probe& p) { obtain_refresh_grant(p); });
    ADD_FAILURE() << "an undeclared read went through";
  } catch (const std::logic_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("test.case reads the fact \"password.success.basic\""));
  }
}

TEST_F(ProbeHelpersTest, RefreshGrantSkipsWhenTheFreshGrantHasNone) {
  state_.publish(facts::kPasswordReply, canned(200, kToken));
  transport_.replies.push_back(canned(200, kTokenNoScope));
  EXPECT_EQ(run([](Probe& p) { obtain_refresh_grant(p); }), "no refresh token issued");
}

TEST_F(ProbeHelpersTest, RefreshGrantReturnsTheGrant) {
  state_.publish(facts::kPasswordReply, canned(200, kToken));
  transport_.replies.push_back(canned(200, kToken));
  std::optional<std::string> rt;
  EXPECT_EQ(run([&](Probe& p) { rt = obtain_refresh_grant(p).refresh_token; }), "");
  EXPECT_EQ(rt, "tGzv3JOkF0XG5Qx2TlKWIA");
}

TEST_F(ProbeHelpersTest, ShortGrantUsesTheShortClientAndChecksMaxWait) {
  profile_.clients["short_lived"] = {.role = "short_lived", .id = "short", .secret = "x"};
  state_.publish(facts::kPasswordReply, canned(200, kToken));
  EXPECT_EQ(short_client_role(profile_), "short_lived");
  transport_.replies.push_back(canned(200, kTokenNoScope));  // expires_in 3
  EXPECT_EQ(run([](Probe& p) { obtain_short_grant(p); }), "");
  transport_.replies.push_back(canned(200, kToken));  // expires_in 3600 > max_wait 10
  EXPECT_THAT(run([](Probe& p) { obtain_short_grant(p); }), HasSubstr("max_wait"));
  transport_.replies.push_back(canned(200, R"({"access_token":"a","token_type":"Bearer"})"));
  EXPECT_THAT(run([](Probe& p) { obtain_short_grant(p); }), HasSubstr("no expires_in"));
}

// The token source is the first grant a case established: password, then the code flow, then
// client credentials (only when no user is needed); none established is a SKIP naming them.
TEST_F(ProbeHelpersTest, TokenSourceFollowsWhatWasEstablished) {
  EXPECT_THAT(run([](Probe& p) { token_source(p, false); }), HasSubstr("needs a token: none of"));
  state_.publish(facts::kCcReply, canned(200, kTokenNoScope));
  GrantKind kind = GrantKind::kPassword;
  EXPECT_EQ(run([&](Probe& p) { kind = token_source(p, false); }), "");
  EXPECT_EQ(kind, GrantKind::kClientCredentials);
  EXPECT_THAT(run([](Probe& p) { token_source(p, true); }), HasSubstr("needs a user's token"));
  state_.publish(facts::kCodeReply, canned(200, kToken));
  EXPECT_EQ(run([&](Probe& p) { kind = token_source(p, true); }), "");
  EXPECT_EQ(kind, GrantKind::kAuthorizationCode);
  state_.publish(facts::kPasswordReply, canned(200, kToken));
  EXPECT_EQ(run([&](Probe& p) { kind = token_source(p, false); }), "");
  EXPECT_EQ(kind, GrantKind::kPassword);
}

// With client credentials as the source, a "fresh grant" is a client_credentials request.
TEST_F(ProbeHelpersTest, ClientCredentialsSourceAsksForClientCredentials) {
  state_.publish(facts::kCcReply, canned(200, kTokenNoScope));
  transport_.replies.push_back(canned(200, kTokenNoScope));
  std::string body;
  EXPECT_EQ(run([&](Probe& p) { body = obtain_token(p, {}).exchange.request.body; }), "");
  EXPECT_THAT(body, HasSubstr("grant_type=client_credentials"));
}

TEST_F(ProbeHelpersTest, ShortClientRoleFallsBackToPrimary) {
  EXPECT_EQ(short_client_role(profile_), "primary");
}

}  // namespace
}  // namespace ock::conformance::engine
