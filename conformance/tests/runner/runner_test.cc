#include "conformance/runner/runner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <map>
#include <mutex>

#include "conformance/checks/check.h"
#include "conformance/checks/status.h"
#include "conformance/engine/probe.h"

namespace ock::conformance::runner {
namespace {

using catalog::Catalog;
using engine::HttpExchange;
using engine::HttpRequest;
using engine::Probe;
using engine::TransportError;
using ::testing::_;
using ::testing::HasSubstr;
using ::testing::Return;

class MockTransport : public engine::Transport {
 public:
  MOCK_METHOD((Result<HttpExchange, TransportError>), send, (const HttpRequest&), (override));
};

// Time that only moves when someone sleeps.
class FakeSleeper : public engine::Sleeper {
 public:
  engine::TimePoint now() const override {
    std::lock_guard l(mu_);
    return now_;
  }
  std::int64_t unix_seconds() const override { return 1'700'000'000; }
  void sleep_until(engine::TimePoint t) override {
    std::lock_guard l(mu_);
    if (t > now_) now_ = t;
  }

 private:
  mutable std::mutex mu_;
  engine::TimePoint now_{};
};

HttpExchange reply(int status, std::string body = "{}") {
  HttpExchange x;
  x.response.status = status;
  x.response.headers = {{"Content-Type", "application/json"}};
  x.response.body = std::move(body);
  x.raw_head = "HTTP/1.1 " + std::to_string(status) + " X\r\n\r\n";
  return x;
}

Result<HttpExchange, TransportError> ok(int status, std::string body = "{}") {
  return reply(status, std::move(body));
}

engine::Profile profile() {
  engine::Profile p;
  p.name = "test";
  p.base_url = "http://127.0.0.1:9";
  p.token_url = "http://127.0.0.1:9/token";
  p.clients["primary"] = {.role = "primary", .id = "client-one", .secret = "very-secret-value"};
  p.users["primary"] = {.role = "primary", .username = "alice", .password = "alice-pass-word"};
  p.resources.push_back({.name = "rs", .url = "http://127.0.0.1:9/api"});
  return p;
}

// A case that sends one request and expects `want` at `level`.
Case status_case(std::string id, int want, Level level) {
  return Case{.id = std::move(id),
              .title = "t",
              .requirement = "MUST",
              .refs = {{"RFC6749", "5.2"}},
              .level = level,
              .run = [want](Probe& p) {
                auto x = p.send(p.password_grant(), "probe");
                checks::expect_status(x, want);
              }};
}

Case plain_case(std::string id, std::function<void(Probe&)> body) {
  return Case{.id = std::move(id),
              .title = "t",
              .requirement = "MUST",
              .refs = {{"RFC6749", "1"}},
              .level = Level::kMust,
              .run = std::move(body)};
}

struct Fixture {
  Catalog catalog;
  engine::Profile prof = profile();
  MockTransport transport;
  FakeSleeper sleeper;

  RunOutcome run(RunOptions o = {}) {
    Runner r(catalog, prof, transport, sleeper, std::move(o));
    return r.run();
  }
};

const CaseResult& result(const RunOutcome& o, std::string_view id) {
  for (const auto& r : o.report.results) {
    if (r.id == id) return r;
  }
  throw std::runtime_error("no result " + std::string(id));
}

TEST(VerdictForFailureTest, MapsLevelsPerMode) {
  EXPECT_EQ(verdict_for_failure(Level::kMust, Mode::kRfc), Verdict::kFail);
  EXPECT_EQ(verdict_for_failure(Level::kShould, Mode::kRfc), Verdict::kWarn);
  EXPECT_EQ(verdict_for_failure(Level::kShould, Mode::kStrict), Verdict::kFail);
  EXPECT_EQ(verdict_for_failure(Level::kShould, Mode::kBcp), Verdict::kWarn);
  EXPECT_EQ(verdict_for_failure(Level::kTolerance, Mode::kRfc), Verdict::kWarn);
  EXPECT_EQ(verdict_for_failure(Level::kTolerance, Mode::kStrict), Verdict::kFail);
  EXPECT_EQ(verdict_for_failure(Level::kBcp, Mode::kRfc), Verdict::kWarn);
  EXPECT_EQ(verdict_for_failure(Level::kBcp, Mode::kStrict), Verdict::kWarn);
  EXPECT_EQ(verdict_for_failure(Level::kBcp, Mode::kBcp), Verdict::kFail);
  EXPECT_EQ(verdict_for_failure(Level::kAdvice, Mode::kStrict), Verdict::kWarn);
  EXPECT_EQ(verdict_for_failure(Level::kNotice, Mode::kRfc), Verdict::kPass);
  EXPECT_EQ(verdict_for_failure(Level::kNotice, Mode::kStrict), Verdict::kPass);
  EXPECT_EQ(verdict_for_failure(Level::kNotice, Mode::kBcp), Verdict::kWarn);
  EXPECT_EQ(verdict_for_failure(Level::kMay, Mode::kStrict), Verdict::kPass);
}

TEST(RunnerTest, FailedMustIsFailAndExitOne) {
  Fixture f;
  f.catalog.add(status_case("a.must", 400, Level::kMust));
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly(Return(ok(200)));
  auto o = f.run();
  EXPECT_EQ(result(o, "a.must").verdict, Verdict::kFail);
  EXPECT_THAT(result(o, "a.must").reason, HasSubstr("status: expected 400"));
  EXPECT_EQ(exit_code(o, false), 1);
}

TEST(RunnerTest, PassingCaseIsPassAndExitZero) {
  Fixture f;
  f.catalog.add(status_case("a.must", 400, Level::kMust));
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly(Return(ok(400)));
  auto o = f.run();
  EXPECT_EQ(result(o, "a.must").verdict, Verdict::kPass);
  EXPECT_EQ(result(o, "a.must").exchanges.size(), 1u);
  EXPECT_EQ(exit_code(o, false), 0);
}

TEST(RunnerTest, ShouldIsWarnInRfcAndFailInStrict) {
  Fixture f;
  f.catalog.add(status_case("a.should", 400, Level::kShould));
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly(Return(ok(200)));
  auto rfc = f.run();
  EXPECT_EQ(result(rfc, "a.should").verdict, Verdict::kWarn);
  EXPECT_EQ(exit_code(rfc, false), 0);
  EXPECT_EQ(exit_code(rfc, true), 4);
  auto strict = f.run({.mode = Mode::kStrict});
  EXPECT_EQ(result(strict, "a.should").verdict, Verdict::kFail);
  EXPECT_EQ(exit_code(strict, false), 1);
}

TEST(RunnerTest, BcpIsWarnUnlessBcpMode) {
  Fixture f;
  f.catalog.add(status_case("a.bcp", 400, Level::kBcp));
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly(Return(ok(200)));
  EXPECT_EQ(result(f.run({.mode = Mode::kStrict}), "a.bcp").verdict, Verdict::kWarn);
  EXPECT_EQ(result(f.run({.mode = Mode::kBcp}), "a.bcp").verdict, Verdict::kFail);
}

TEST(RunnerTest, MayFailureIsPassWithANote) {
  Fixture f;
  f.catalog.add(status_case("a.may", 400, Level::kMay));
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly(Return(ok(200)));
  auto o = f.run();
  EXPECT_EQ(result(o, "a.may").verdict, Verdict::kPass);
  ASSERT_FALSE(result(o, "a.may").notes.empty());
  EXPECT_THAT(result(o, "a.may").notes[0], HasSubstr("optional behaviour absent"));
}

TEST(RunnerTest, AssertionLevelOverridesTheCaseLevel) {
  Fixture f;
  f.catalog.add(plain_case("a.mixed", [](Probe& p) {
    auto x = p.send(p.password_grant(), "probe");
    checks::expect_status(x, 400, {.id = "soft", .level = Level::kShould});
  }));
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly(Return(ok(200)));
  auto o = f.run();
  EXPECT_EQ(result(o, "a.mixed").verdict, Verdict::kWarn);
  EXPECT_EQ(result(o, "a.mixed").assertions.at(0).verdict, Verdict::kWarn);
}

TEST(RunnerTest, TransportFailureIsErrorAndExitTwo) {
  Fixture f;
  f.catalog.add(status_case("a.one", 400, Level::kMust));
  EXPECT_CALL(f.transport, send(_))
      .WillRepeatedly(Return(fail(TransportError{TransportError::Kind::kOther, "boom"})));
  auto o = f.run();
  EXPECT_EQ(result(o, "a.one").verdict, Verdict::kError);
  EXPECT_THAT(result(o, "a.one").reason, HasSubstr("boom"));
  EXPECT_EQ(exit_code(o, false), 2);
}

TEST(RunnerTest, ErrorOutranksFailInTheExitCode) {
  Fixture f;
  f.catalog.add(plain_case("a.fails", [](Probe&) { checks::record({}, "x", false, "a", "b"); }));
  f.catalog.add(plain_case("a.errors", [](Probe& p) { p.error("target unreachable"); }));
  auto o = f.run();
  EXPECT_EQ(result(o, "a.fails").verdict, Verdict::kFail);
  EXPECT_EQ(result(o, "a.errors").verdict, Verdict::kError);
  EXPECT_EQ(exit_code(o, false), 2);
}

TEST(RunnerTest, CaseWithoutBodyIsErrorNotPass) {
  Fixture f;
  f.catalog.add(Case{.id = "a.stub", .title = "t", .requirement = "MUST", .refs = {{"RFC1", "1"}}});
  auto o = f.run();
  EXPECT_EQ(result(o, "a.stub").verdict, Verdict::kError);
}

TEST(RunnerTest, FailedPrerequisiteSkipsDependants) {
  Fixture f;
  f.catalog.add(status_case("a.base", 400, Level::kMust));
  Case dep = status_case("a.dependant", 200, Level::kMust);
  dep.after = {"a.base"};
  f.catalog.add(dep);
  EXPECT_CALL(f.transport, send(_)).Times(1).WillRepeatedly(Return(ok(200)));
  auto o = f.run();
  EXPECT_EQ(result(o, "a.base").verdict, Verdict::kFail);
  EXPECT_EQ(result(o, "a.dependant").verdict, Verdict::kSkip);
  EXPECT_EQ(result(o, "a.dependant").skip_reason, "prerequisite a.base failed");
}

// A dependant that names what it needs ("<id>#<assertion>") runs when that assertion passed,
// though the prerequisite FAILed on another; one that needs the failed assertion SKIPs.
TEST(RunnerTest, APrerequisitesSecondaryFailureDoesNotSkipWhatNeedsOnlyItsFirstAssertion) {
  Fixture f;
  f.catalog.add(plain_case("a.base", [](Probe& p) {
    auto x = p.send(p.password_grant(), "probe");
    checks::expect_status(x, 200, {.id = "refused"});
    checks::expect_status(x, 400, {.id = "format"});
  }));
  Case needs_first = status_case("a.needs_first", 200, Level::kMust);
  needs_first.after = {"a.base#refused"};
  f.catalog.add(needs_first);
  Case needs_second = status_case("a.needs_second", 200, Level::kMust);
  needs_second.after = {"a.base#format"};
  f.catalog.add(needs_second);
  Case needs_all = status_case("a.needs_all", 200, Level::kMust);
  needs_all.after = {"a.base"};
  f.catalog.add(needs_all);
  EXPECT_CALL(f.transport, send(_)).Times(2).WillRepeatedly(Return(ok(200)));
  auto o = f.run();
  EXPECT_EQ(result(o, "a.base").verdict, Verdict::kFail);
  EXPECT_EQ(result(o, "a.needs_first").verdict, Verdict::kPass);
  EXPECT_EQ(result(o, "a.needs_second").verdict, Verdict::kSkip);
  EXPECT_EQ(result(o, "a.needs_second").skip_reason,
            "prerequisite a.base did not establish format");
  EXPECT_EQ(result(o, "a.needs_all").skip_reason, "prerequisite a.base failed");
}

TEST(RunnerTest, MissingNeedSkipsWithTheTagInTheReason) {
  Fixture f;
  Case c = status_case("a.spc", 200, Level::kMust);
  c.needs = {Need::kSpc};
  f.catalog.add(c);
  EXPECT_CALL(f.transport, send(_)).Times(0);
  auto o = f.run();
  EXPECT_EQ(result(o, "a.spc").verdict, Verdict::kSkip);
  EXPECT_THAT(*result(o, "a.spc").skip_reason, HasSubstr("[SPC]"));
  EXPECT_EQ(exit_code(o, false), 3);  // nothing executed
}

TEST(RunnerTest, SkipFromInsideACase) {
  Fixture f;
  f.catalog.add(plain_case("a.skip", [](Probe& p) { p.skip("no refresh token issued"); }));
  auto o = f.run();
  EXPECT_EQ(result(o, "a.skip").verdict, Verdict::kSkip);
  EXPECT_EQ(result(o, "a.skip").skip_reason, "no refresh token issued");
}

TEST(RunnerTest, CircuitBreakerErrorsTheRemainingCases) {
  Fixture f;
  for (int i = 0; i < 10; ++i)
    f.catalog.add(status_case("a.c" + std::to_string(i), 200, Level::kMust));
  EXPECT_CALL(f.transport, send(_))
      .Times(::testing::AtMost(3))
      .WillRepeatedly(Return(fail(TransportError{TransportError::Kind::kConnect, "refused"})));
  auto o = f.run({.jobs = 1, .breaker_threshold = 3});
  EXPECT_TRUE(o.breaker_tripped);
  EXPECT_THAT(result(o, "a.c9").reason, HasSubstr("circuit breaker"));
  for (const auto& r : o.report.results) EXPECT_EQ(r.verdict, Verdict::kError) << r.id;
  EXPECT_EQ(exit_code(o, false), 2);
}

TEST(RunnerTest, OnlyAndSkipGlobsSelectCases) {
  Catalog c;
  for (const char* id :
       {"client_auth.wrong_secret", "client_auth.basic.accepted", "password.error.get_method"}) {
    c.add(plain_case(id, [](Probe&) {}));
  }
  auto ids = [](const std::vector<const Case*>& v) {
    std::vector<std::string> out;
    for (const auto* x : v) out.push_back(x->id);
    return out;
  };
  EXPECT_THAT(ids(select_cases(c, {"client_auth.*"}, {})),
              ::testing::ElementsAre("client_auth.wrong_secret", "client_auth.basic.accepted"));
  EXPECT_THAT(ids(select_cases(c, {}, {"*.basic.*"})),
              ::testing::ElementsAre("client_auth.wrong_secret", "password.error.get_method"));
  EXPECT_TRUE(select_cases(c, {"nothing.*"}, {}).empty());
}

TEST(RunnerTest, BaselinedFailDoesNotFailTheRun) {
  Fixture f;
  f.catalog.add(status_case("a.known", 400, Level::kMust));
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly(Return(ok(200)));
  Baseline b{.target = "test",
             .expected = {{.id = "a.*", .verdict = Verdict::kFail, .comment = "known"}}};
  auto o = f.run({.baseline = b});
  EXPECT_EQ(result(o, "a.known").verdict, Verdict::kFail);
  EXPECT_EQ(result(o, "a.known").baseline, Verdict::kFail);
  EXPECT_EQ(exit_code(o, false), 0);
}

TEST(RunnerTest, StaleBaselineEntryFailsTheRun) {
  Fixture f;
  f.catalog.add(status_case("a.fixed", 400, Level::kMust));
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly(Return(ok(400)));
  Baseline b{.target = "test",
             .expected = {{.id = "a.fixed", .verdict = Verdict::kFail, .comment = "old"}}};
  auto o = f.run({.baseline = b});
  EXPECT_EQ(result(o, "a.fixed").verdict, Verdict::kPass);
  EXPECT_TRUE(result(o, "a.fixed").stale_baseline);
  EXPECT_EQ(o.stale_entries.size(), 1u);
  EXPECT_EQ(exit_code(o, false), 1);
}

TEST(RunnerTest, RedactsSecretsAndTokensEverywhere) {
  Fixture f;
  f.catalog.add(plain_case("a.secret", [](Probe& p) {
    p.send(p.password_grant(), "grant");
    checks::record({}, "echo", false, "nothing", "saw tok-ABCDEFGHIJKLMNOP in reply");
  }));
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly([](const HttpRequest& req) {
    HttpExchange x = reply(200, R"({"access_token":"tok-ABCDEFGHIJKLMNOP","token_type":"Bearer"})");
    x.request = req;
    x.raw_request = "POST /token HTTP/1.1\r\nAuthorization: " +
                    engine::find_header(req.headers, "Authorization").value_or("") + "\r\n\r\n" +
                    req.body;
    return Result<HttpExchange, TransportError>(x);
  });
  auto o = f.run();
  const auto& r = result(o, "a.secret");
  std::string all = r.reason;
  for (const auto& a : r.assertions) all += a.actual;
  for (const auto& x : r.exchanges) all += x.request + x.response;
  EXPECT_EQ(all.find("tok-ABCDEFGHIJKLMNOP"), std::string::npos);
  EXPECT_EQ(all.find("alice-pass-word"), std::string::npos);
  EXPECT_EQ(all.find("very-secret-value"), std::string::npos);
  EXPECT_EQ(all.find(engine::base64_encode("client-one:very-secret-value")), std::string::npos);
  EXPECT_NE(all.find("\u2026#"), std::string::npos);
}

TEST(RunnerTest, DestructiveCasesRunLastAndAlone) {
  Fixture f;
  f.prof.allow_destructive = true;
  std::mutex mu;
  std::vector<std::string> order;
  auto record = [&](std::string id) {
    return [&, id](Probe&) {
      std::lock_guard l(mu);
      order.push_back(id);
    };
  };
  Case d = plain_case("z.destructive", record("z.destructive"));
  d.destructive = true;
  f.catalog.add(d);
  f.catalog.add(plain_case("a.one", record("a.one")));
  f.catalog.add(plain_case("a.two", record("a.two")));
  auto o = f.run();
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order.back(), "z.destructive");
}

// With a source address for each destructive case, each sends every request from its own
// (and says so in a note); the other cases' requests leave the system's choice.
TEST(RunnerTest, DestructiveCasesSendFromAddressesOfTheirOwn) {
  Fixture f;
  f.prof.allow_destructive = true;
  std::mutex mu;
  std::map<std::string, std::string> from;  // request URL -> source address
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly([&](const HttpRequest& req) {
    std::lock_guard l(mu);
    from[req.url] = req.source_address;
    return ok(200);
  });
  auto sender = [](std::string path) {
    return [path](Probe& p) {
      HttpRequest req;
      req.url = "http://127.0.0.1:9/" + path;
      p.send(req, path);
    };
  };
  for (const char* id : {"d.one", "d.two"}) {
    Case d = plain_case(id, sender(id));
    d.destructive = true;
    f.catalog.add(d);
  }
  f.catalog.add(plain_case("a.one", sender("a.one")));
  auto o = f.run({.destructive_sources = {"127.0.0.2", "127.0.0.3"}});
  EXPECT_EQ(from["http://127.0.0.1:9/d.one"], "127.0.0.2");
  EXPECT_EQ(from["http://127.0.0.1:9/d.two"], "127.0.0.3");
  EXPECT_EQ(from["http://127.0.0.1:9/a.one"], "");
  EXPECT_THAT(result(o, "d.one").notes, ::testing::Contains(HasSubstr("sent from 127.0.0.2")));
  EXPECT_THAT(result(o, "a.one").notes, ::testing::IsEmpty());
}

// Fewer addresses than destructive cases: none gets one, and they run last and alone.
TEST(RunnerTest, TooFewSourceAddressesKeepDestructiveCasesLastAndAlone) {
  Fixture f;
  f.prof.allow_destructive = true;
  std::mutex mu;
  std::vector<std::string> order, sources;
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly([&](const HttpRequest& req) {
    std::lock_guard l(mu);
    sources.push_back(req.source_address);
    return ok(200);
  });
  auto record = [&](std::string id) {
    return [&, id](Probe& p) {
      p.send(p.password_grant(), "grant");
      std::lock_guard l(mu);
      order.push_back(id);
    };
  };
  for (const char* id : {"d.one", "d.two"}) {
    Case d = plain_case(id, record(id));
    d.destructive = true;
    f.catalog.add(d);
  }
  f.catalog.add(plain_case("a.one", record("a.one")));
  f.run({.destructive_sources = {"127.0.0.2"}});
  EXPECT_THAT(order, ::testing::ElementsAre("a.one", "d.one", "d.two"));
  EXPECT_THAT(sources, ::testing::Each(""));
}

// A destructive case's refusals (a lock's answers) are not token_response.error_*'s to judge:
// they stay out of the error replies every case sees, whenever that case runs.
TEST(RunnerTest, DestructiveErrorRepliesStayOutOfTheSharedErrorView) {
  Fixture f;
  f.prof.allow_destructive = true;
  EXPECT_CALL(f.transport, send(_)).WillRepeatedly([](const HttpRequest& req) {
    HttpExchange x = reply(400, R"({"error":"invalid_grant"})");
    x.request = req;
    return Result<HttpExchange, TransportError>(x);
  });
  Case d = plain_case("d.attack", [](Probe& p) { p.send(p.password_grant(), "wrong"); });
  d.destructive = true;
  f.catalog.add(d);
  f.catalog.add(plain_case("a.wrong", [](Probe& p) { p.send(p.password_grant(), "wrong"); }));
  Case reader = plain_case("r.errors", [](Probe& p) {
    std::vector<std::string> ids;
    for (const auto& e : p.error_replies()) ids.push_back(e.case_id);
    checks::record({}, "only_ordinary", ids == std::vector<std::string>{"a.wrong"}, "a.wrong only",
                   ::testing::PrintToString(ids));
  });
  reader.follows = {"*"};
  f.catalog.add(reader);
  auto o = f.run({.destructive_sources = {"127.0.0.2"}});
  EXPECT_EQ(result(o, "r.errors").verdict, Verdict::kPass) << result(o, "r.errors").reason;
}

TEST(RunnerTest, DestructiveCasesSkipWithoutOptIn) {
  Fixture f;
  Case d = plain_case("z.destructive", [](Probe&) {});
  d.destructive = true;
  f.catalog.add(d);
  auto o = f.run();
  EXPECT_EQ(result(o, "z.destructive").verdict, Verdict::kSkip);
  EXPECT_THAT(*result(o, "z.destructive").skip_reason, HasSubstr("allow_destructive"));
}

TEST(RunnerTest, TimeDelayedCasesOverlapEvenWithOneJob) {
  Fixture f;
  std::mutex mu;
  std::condition_variable cv;
  int arrived = 0;
  auto meet = [&](Probe&) {
    std::unique_lock l(mu);
    ++arrived;
    cv.notify_all();
    bool both = cv.wait_for(l, std::chrono::seconds(5), [&] { return arrived >= 2; });
    checks::record({}, "overlap", both, "both delayed cases running at once", "alone");
  };
  for (const char* id : {"i.first", "i.second"}) {
    Case c = plain_case(id, meet);
    c.time_delayed = true;
    f.catalog.add(c);
  }
  auto o = f.run({.jobs = 1});
  EXPECT_EQ(result(o, "i.first").verdict, Verdict::kPass);
  EXPECT_EQ(result(o, "i.second").verdict, Verdict::kPass);
}

constexpr Fact kSeen{"test.seen"};

TEST(RunnerTest, FollowsOrdersWithoutSkipping) {
  Fixture f;
  std::vector<std::string> order;
  std::mutex mu;
  Case reader = plain_case("f.reader", [&](Probe& p) {
    std::lock_guard l(mu);
    order.push_back("f.reader");
    checks::record({}, "fact", p.fact(kSeen).has_value(), "fact", "none");
  });
  reader.follows = {"g.*"};
  reader.reads = {kSeen};
  f.catalog.add(reader);
  Case writer = plain_case("g.writer", [&](Probe& p) {
    std::lock_guard l(mu);
    order.push_back("g.writer");
    p.set_fact(kSeen, "yes");
    checks::record({}, "fails", false, "x", "y");
  });
  writer.writes = {kSeen};
  f.catalog.add(writer);
  auto o = f.run();
  EXPECT_EQ(result(o, "g.writer").verdict, Verdict::kFail);
  EXPECT_EQ(result(o, "f.reader").verdict, Verdict::kPass);
  EXPECT_THAT(order, ::testing::ElementsAre("g.writer", "f.reader"));
}

TEST(RunnerTest, AnUndeclaredFactIsAnInternalError) {
  Fixture f;
  f.catalog.add(plain_case("u.reader", [](Probe& p) { (void)p.fact(kSeen); }));
  auto o = f.run();
  EXPECT_EQ(result(o, "u.reader").verdict, Verdict::kError);
  EXPECT_THAT(result(o, "u.reader").reason,
              HasSubstr("u.reader reads the fact \"test.seen\", which its block does not declare"));
}

TEST(RunnerTest, WaitUntilUsesTheInjectedSleeper) {
  Fixture f;
  f.catalog.add(plain_case("i.wait", [](Probe& p) {
    auto start = p.now();
    p.wait_until(start + std::chrono::hours(1));
    checks::record({}, "waited", p.now() - start >= std::chrono::hours(1), "1 h", "less");
  }));
  auto t0 = std::chrono::steady_clock::now();
  auto o = f.run();
  EXPECT_EQ(result(o, "i.wait").verdict, Verdict::kPass);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
}

}  // namespace
}  // namespace ock::conformance::runner
