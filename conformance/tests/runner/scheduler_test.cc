// Unit tests of runner/scheduler.h, through its hooks (no HTTP): where destructive cases go
// under each DestructivePolicy (last and alone, or beside everything from their own address),
// what orders them (`follows` between two of them, an ordinary `follows` "*"), and the `jobs`
// limit they stay outside of.
#include "conformance/runner/scheduler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace ock::conformance::runner {
namespace {

using ::testing::ElementsAre;

Case make(std::string id, bool destructive = false, bool time_delayed = false) {
  return Case{.id = std::move(id),
              .title = "t",
              .requirement = "MUST",
              .refs = {{"RFC6749", "1"}},
              .destructive = destructive,
              .time_delayed = time_delayed};
}

CaseResult result_of(const Case& c, Verdict v = Verdict::kPass) {
  CaseResult r;
  r.id = c.id;
  r.verdict = v;
  return r;
}

// Runs the cases through a Scheduler, recording when each started and ended ("+id", "-id"),
// when a destructive case said its burst was over ("~id": `burst` calls it), and which cases
// ran at the same time as which; `body` (optional) runs inside each case.
struct Recorder {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> events;
  std::set<std::string> running;                        // now
  std::map<std::string, std::set<std::string>> beside;  // id -> ids seen running with it
  std::function<void(const Case&)> body;
  Scheduler* scheduler = nullptr;

  // From a case body: its burst is over (Probe::burst_over).
  void burst(const Case& c) {
    {
      std::lock_guard l(mu);
      events.push_back("~" + c.id);
    }
    scheduler->burst_over(c);
  }

  std::vector<CaseResult> run(const std::vector<Case>& cases, int jobs, DestructivePolicy p) {
    std::vector<const Case*> ptrs;
    for (const auto& c : cases) ptrs.push_back(&c);
    Scheduler sched(ptrs, jobs, p);
    scheduler = &sched;
    ScheduleHooks hooks{
        .static_skip = [](const Case&) { return std::optional<std::string>(); },
        .execute =
            [this](const Case& c) {
              {
                std::lock_guard l(mu);
                events.push_back("+" + c.id);
                for (const auto& other : running) {
                  beside[c.id].insert(other);
                  beside[other].insert(c.id);
                }
                running.insert(c.id);
                cv.notify_all();
              }
              if (body) body(c);
              std::lock_guard l(mu);
              running.erase(c.id);
              events.push_back("-" + c.id);
              cv.notify_all();
              return result_of(c);
            },
        .stopped = [] { return false; },
        .established = [](Fact) { return true; },
        .not_run = [](const Case& c) { return result_of(c, Verdict::kError); },
        .finished = [](CaseResult&, int, int) {},
    };
    return sched.run(hooks);
  }

  // Position of an event in the record.
  std::size_t at(const std::string& event) const {
    auto it = std::find(events.begin(), events.end(), event);
    EXPECT_NE(it, events.end()) << event << " never happened";
    return static_cast<std::size_t>(it - events.begin());
  }

  // From a case body: waits (up to 5 s) until the case has started.
  void await_start(const std::string& id) {
    std::unique_lock l(mu);
    cv.wait_for(l, std::chrono::seconds(5),
                [&] { return std::find(events.begin(), events.end(), "+" + id) != events.end(); });
  }
};

TEST(SchedulerTest, LastAndAloneRunsDestructiveCasesAfterEverythingOneAtATime) {
  std::vector<Case> cases = {make("d.one", true), make("a.one"), make("t.wait", false, true),
                             make("d.two", true), make("a.two")};
  Recorder rec;
  rec.body = [](const Case&) { std::this_thread::sleep_for(std::chrono::milliseconds(20)); };
  rec.run(cases, 8, DestructivePolicy::kLastAndAlone);
  for (const char* d : {"d.one", "d.two"}) {
    for (const char* other : {"-a.one", "-a.two", "-t.wait"}) {
      EXPECT_LT(rec.at(other), rec.at(std::string("+") + d)) << d << " started before " << other;
    }
    EXPECT_TRUE(rec.beside[d].empty()) << d << " ran beside another case";
  }
}

TEST(SchedulerTest, LastAndAloneKeepsAFollowsBetweenDestructiveCases) {
  Case second = make("d.second", true);
  second.follows = {"d.first"};
  std::vector<Case> cases = {second, make("d.first", true)};
  Recorder rec;
  rec.run(cases, 8, DestructivePolicy::kLastAndAlone);
  EXPECT_THAT(rec.events, ElementsAre("+d.first", "-d.first", "+d.second", "-d.second"));
}

TEST(SchedulerTest, LastAndAloneLetsAnEverythingReaderRunBeforeDestructiveCases) {
  Case reader = make("r.all");
  reader.follows = {"*"};
  std::vector<Case> cases = {make("d.one", true), reader, make("a.one")};
  Recorder rec;
  rec.run(cases, 8, DestructivePolicy::kLastAndAlone);
  EXPECT_LT(rec.at("-a.one"), rec.at("+r.all"));
  EXPECT_LT(rec.at("-r.all"), rec.at("+d.one"));
}

// kOwnAddress: the bursts first, one at a time, beside nothing but a time-delayed case; then
// the ordinary case, beside the destructive cases' waits (even with --jobs 1: they are outside
// the limit).
TEST(SchedulerTest, OwnAddressRunsBurstsOneAtATimeThenTheRestBesideTheirWaits) {
  std::vector<Case> cases = {make("a.one"), make("d.one", true), make("t.wait", false, true),
                             make("d.two", true)};
  Recorder rec;
  rec.body = [&rec](const Case& c) {
    if (c.id == "t.wait") std::this_thread::sleep_for(std::chrono::milliseconds(300));
    if (!c.destructive) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the burst
    rec.burst(c);
    rec.await_start("a.one");  // the wait for the lock to lift
  };
  rec.run(cases, 1, DestructivePolicy::kOwnAddress);
  EXPECT_TRUE(rec.at("+d.two") > rec.at("~d.one") || rec.at("+d.one") > rec.at("~d.two"))
      << "the two bursts overlapped";
  EXPECT_GT(rec.at("+a.one"), rec.at("~d.one"));
  EXPECT_GT(rec.at("+a.one"), rec.at("~d.two"));
  EXPECT_EQ(rec.beside["a.one"].count("d.one") + rec.beside["a.one"].count("d.two"), 2u);
  EXPECT_TRUE(rec.beside["t.wait"].count("d.one")) << "the time-delayed case waited";
}

// What a destructive case needs runs before its burst; an ordinary case it does not need waits
// for the burst's end, and so does every case when the burst never says it is over.
TEST(SchedulerTest, OwnAddressRunsWhatADestructiveCaseNeedsFirstAndHoldsTheRest) {
  Case d = make("d.one", true);
  d.after = {"p.success"};
  Case quick = make("d.quick", true);  // client_auth.secret_in_query: one request, no burst_over
  std::vector<Case> cases = {make("a.other"), d, make("p.success"), quick};
  Recorder rec;
  rec.body = [&rec](const Case& c) {
    if (c.id == "d.one") rec.burst(c);
  };
  rec.run(cases, 8, DestructivePolicy::kOwnAddress);
  EXPECT_LT(rec.at("-p.success"), rec.at("+d.one"));
  EXPECT_GT(rec.at("+a.other"), rec.at("~d.one"));
  EXPECT_GT(rec.at("+a.other"), rec.at("-d.quick"));
  EXPECT_TRUE(rec.beside["d.one"].empty() ||
              rec.beside["d.one"] == std::set<std::string>{"a.other"})
      << "only what follows the burst may run beside d.one";
}

// A time-delayed case's long wait starts early: what it needs is not held back by a burst.
TEST(SchedulerTest, OwnAddressRunsWhatATimeDelayedCaseNeedsBesideTheBursts) {
  Case t = make("t.wait", false, true);
  t.after = {"p.pre"};
  std::vector<Case> cases = {make("d.one", true), t, make("p.pre"), make("a.other")};
  Recorder rec;
  rec.body = [&rec](const Case& c) {
    if (c.id != "d.one") return;
    rec.await_start("t.wait");  // the burst lasts until the time-delayed case has started
    rec.burst(c);
  };
  rec.run(cases, 8, DestructivePolicy::kOwnAddress);
  EXPECT_LT(rec.at("+t.wait"), rec.at("~d.one"));
  EXPECT_GT(rec.at("+a.other"), rec.at("~d.one"));
}

TEST(SchedulerTest, OwnAddressMakesAnEverythingReaderWaitForDestructiveCases) {
  Case reader = make("r.all");
  reader.follows = {"*"};
  std::vector<Case> cases = {reader, make("d.one", true), make("a.one")};
  Recorder rec;
  rec.run(cases, 8, DestructivePolicy::kOwnAddress);
  EXPECT_LT(rec.at("-d.one"), rec.at("+r.all"));
  EXPECT_LT(rec.at("-a.one"), rec.at("+r.all"));
}

TEST(SchedulerTest, OwnAddressKeepsAFollowsBetweenDestructiveCases) {
  // security.bruteforce.client_secret follows client_auth.secret_in_query: one client.
  Case second = make("d.second", true);
  second.follows = {"d.first"};
  std::vector<Case> cases = {second, make("d.first", true)};
  Recorder rec;
  rec.run(cases, 8, DestructivePolicy::kOwnAddress);
  EXPECT_THAT(rec.events, ElementsAre("+d.first", "-d.first", "+d.second", "-d.second"));
}

TEST(SchedulerTest, ASkippedPrerequisiteSkipsADestructiveCaseUnderEitherPolicy) {
  for (auto policy : {DestructivePolicy::kLastAndAlone, DestructivePolicy::kOwnAddress}) {
    Case d = make("d.one", true);
    d.after = {"p.gone"};
    std::vector<Case> cases = {d, make("p.gone")};
    std::vector<const Case*> ptrs = {&cases[0], &cases[1]};
    ScheduleHooks hooks{
        .static_skip =
            [](const Case& c) {
              return c.id == "p.gone" ? std::optional<std::string>("not configured") : std::nullopt;
            },
        .execute = [](const Case& c) { return result_of(c); },
        .stopped = [] { return false; },
        .established = [](Fact) { return true; },
        .not_run = [](const Case& c) { return result_of(c, Verdict::kError); },
        .finished = [](CaseResult&, int, int) {},
    };
    auto results = Scheduler(ptrs, 2, policy).run(hooks);
    EXPECT_EQ(results[0].verdict, Verdict::kSkip);
    EXPECT_EQ(results[0].skip_reason.value_or(""), "prerequisite p.gone skipped");
  }
}

}  // namespace
}  // namespace ock::conformance::runner
