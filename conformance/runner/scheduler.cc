#include "conformance/runner/scheduler.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "conformance/runner/glob.h"
#include "conformance/runner/grading.h"

namespace ock::conformance::runner {

namespace {
constexpr std::chrono::milliseconds kPoll{200};
}  // namespace

Scheduler::Scheduler(std::vector<const Case*> cases, int jobs, DestructivePolicy policy)
    : cases_(std::move(cases)), jobs_(std::max(1, jobs)), policy_(policy) {
  link();
}

// Dependencies among the selected cases. Under kLastAndAlone destructive cases run last anyway,
// so an ordinary case never waits for one; a `follows` that would close a cycle is dropped.
void Scheduler::link() {
  const std::size_t n = cases_.size();
  hard_.assign(n, {});
  soft_.assign(n, {});
  writers_.assign(n, {});
  needed_assertion_.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) {
    const Case& c = *cases_[i];
    for (std::size_t j = 0; j < n; ++j) {
      const Case& d = *cases_[j];
      if (i == j || (!c.destructive && runs_last(j))) continue;
      bool writes_a_need = std::any_of(c.needs_facts.begin(), c.needs_facts.end(), [&](Fact f) {
        return std::find(d.writes.begin(), d.writes.end(), f) != d.writes.end();
      });
      if (writes_a_need) writers_[i].push_back(j);
      const auto prerequisite = std::find_if(c.after.begin(), c.after.end(), [&](const auto& a) {
        return glob_match(split_after(a).pattern, d.id);
      });
      if (prerequisite != c.after.end()) {
        hard_[i].push_back(j);
        needed_assertion_[i].emplace_back(split_after(*prerequisite).assertion);
      } else if (glob_match_any(c.follows, d.id) && !glob_match_any(d.follows, c.id) &&
                 !glob_match_any(d.after, c.id)) {
        soft_[i].push_back(j);
      }
    }
  }
  // Under kOwnAddress: what the destructive and the time-delayed cases need, transitively, is
  // not held back by the bursts (the bursts need it; the long waits start early).
  needed_early_.assign(n, false);
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < n; ++i) {
    const Case& c = *cases_[i];
    if ((c.destructive || c.time_delayed) && policy_ == DestructivePolicy::kOwnAddress) {
      todo.push_back(i);
    }
  }
  while (!todo.empty()) {
    const auto i = todo.back();
    todo.pop_back();
    for (const auto* deps : {&hard_[i], &soft_[i], &writers_[i]}) {
      for (auto j : *deps) {
        if (!needed_early_[j]) todo.push_back(j);
        needed_early_[j] = true;
      }
    }
  }
}

void Scheduler::burst_over(const Case& c) {
  std::lock_guard lock(mu_);
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    if (cases_[i] == &c) loud_[i] = false;
  }
  cv_.notify_all();
}

std::vector<CaseResult> Scheduler::run(const ScheduleHooks& hooks) {
  hooks_ = &hooks;
  const std::size_t n = cases_.size();
  state_.assign(n, State::kPending);
  results_.assign(n, CaseResult{});
  loud_.assign(n, false);
  threads_.resize(n);
  {
    std::unique_lock lock(mu_);
    for (std::size_t i = 0; i < n; ++i) {
      if (auto why = hooks.static_skip(*cases_[i])) finish(i, skipped(*cases_[i], *why));
    }
    while (done_ < n) {
      join_exited();
      if (hooks.stopped()) {
        stop_pending();
        if (done_ >= n) break;
        cv_.wait_for(lock, kPoll);
        continue;
      }
      bool progressed = start_ordinary();
      if (!ordinary_left() && running_ == 0) progressed = start_destructive() || progressed;
      if (!progressed && running_ == 0 && done_ < n) progressed = start_any();
      // Woken by a finished case, or after kPoll to see a stop (a signal, the deadline).
      if (!progressed && done_ < n) cv_.wait_for(lock, kPoll);
    }
  }
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
  exited_.clear();
  return std::move(results_);
}

// With the lock held.
void Scheduler::finish(std::size_t i, CaseResult r) {
  results_[i] = std::move(r);
  state_[i] = State::kDone;
  ++done_;
  hooks_->finished(results_[i], static_cast<int>(done_), static_cast<int>(cases_.size()));
}

// With the lock held.
void Scheduler::launch(std::size_t i) {
  const Case& c = *cases_[i];
  state_[i] = State::kRunning;
  ++running_;
  const bool ordinary = !c.time_delayed && !c.destructive;
  if (ordinary) ++running_ordinary_;
  loud_[i] = c.destructive;
  threads_[i] = std::thread([this, i, ordinary] {
    CaseResult r = hooks_->execute(*cases_[i]);
    std::lock_guard lock(mu_);
    --running_;
    if (ordinary) --running_ordinary_;
    loud_[i] = false;
    finish(i, std::move(r));
    exited_.push_back(i);
    cv_.notify_all();
  });
}

// With the lock held: the threads of finished cases (past their last use of the lock).
void Scheduler::join_exited() {
  for (auto i : exited_) threads_[i].join();
  exited_.clear();
}

void Scheduler::stop_pending() {
  stopped_early_ = true;
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    if (state_[i] == State::kPending) finish(i, hooks_->not_run(*cases_[i]));
  }
}

// Every case not kept for the end whose prerequisites are done: SKIP those whose prerequisite
// did not pass, start the others: time-delayed ones beyond the `jobs` limit; under kOwnAddress a
// destructive one when no other is in its burst (also beyond the limit), and an ordinary one
// only once every burst is over, unless a destructive or time-delayed case needs it.
bool Scheduler::start_ordinary() {
  bool progressed = false;
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    if (state_[i] != State::kPending || runs_last(i) || !deps_done(i)) continue;
    const Case& c = *cases_[i];
    if (auto why = blocked(i)) {
      finish(i, skipped(c, *why));
      progressed = true;
    } else if (c.destructive ? !in_burst()
                             : c.time_delayed || (running_ordinary_ < jobs_ &&
                                                  (needed_early_[i] || !bursts_ahead()))) {
      launch(i);
      progressed = true;
    }
  }
  return progressed;
}

bool Scheduler::in_burst() const {
  return std::find(loud_.begin(), loud_.end(), true) != loud_.end();
}

bool Scheduler::bursts_ahead() const {
  if (policy_ != DestructivePolicy::kOwnAddress) return false;
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    if (cases_[i]->destructive && (state_[i] == State::kPending || loud_[i])) return true;
  }
  return false;
}

bool Scheduler::ordinary_left() const {
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    if (state_[i] != State::kDone && !runs_last(i)) return true;
  }
  return false;
}

// Destructive cases under kLastAndAlone: after everything else, one at a time.
bool Scheduler::start_destructive() {
  bool progressed = false;
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    if (state_[i] != State::kPending || !deps_done(i)) continue;
    progressed = true;
    if (auto why = blocked(i)) {
      finish(i, skipped(*cases_[i], *why));
      continue;
    }
    launch(i);
    break;
  }
  return progressed;
}

// Only an ordering cycle gets here: start the first pending case anyway.
bool Scheduler::start_any() {
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    if (state_[i] == State::kPending) {
      launch(i);
      return true;
    }
  }
  return false;
}

bool Scheduler::runs_last(std::size_t i) const {
  return cases_[i]->destructive && policy_ == DestructivePolicy::kLastAndAlone;
}

bool Scheduler::deps_done(std::size_t i) const {
  for (auto j : writers_[i]) {
    if (state_[j] != State::kDone) return false;
  }
  for (auto j : hard_[i]) {
    if (state_[j] != State::kDone) return false;
  }
  for (auto j : soft_[i]) {
    if (state_[j] != State::kDone) return false;
  }
  return true;
}

std::optional<std::string> Scheduler::prerequisite_problem(std::size_t i) const {
  for (std::size_t k = 0; k < hard_[i].size(); ++k) {
    const auto j = hard_[i][k];
    const auto& needed = needed_assertion_[i][k];
    auto v = results_[j].verdict;
    if (v == Verdict::kSkip) return "prerequisite " + cases_[j]->id + " skipped";
    if (!needed.empty()) {
      // Only what this case needs counts: that assertion passed (or merely warned).
      const auto& as = results_[j].assertions;
      auto a = std::find_if(as.begin(), as.end(), [&](const auto& x) { return x.id == needed; });
      if (a != as.end() && (a->verdict == Verdict::kPass || a->verdict == Verdict::kWarn)) continue;
      return "prerequisite " + cases_[j]->id + " did not establish " + needed;
    }
    if (v == Verdict::kPass || v == Verdict::kWarn) continue;
    return "prerequisite " + cases_[j]->id + " failed";
  }
  return std::nullopt;
}

// None of the facts the case needs was written: the writers and how they ended.
std::optional<std::string> Scheduler::fact_problem(std::size_t i) const {
  const auto& needs = cases_[i]->needs_facts;
  if (needs.empty()) return std::nullopt;
  for (Fact f : needs) {
    if (hooks_->established(f)) return std::nullopt;
  }
  std::string writers;
  for (auto j : writers_[i]) {
    writers += (writers.empty() ? "" : ", ") + cases_[j]->id + " (" +
               to_string(results_[j].verdict) + ")";
  }
  return "needs what " + (writers.empty() ? std::string("no selected case") : writers) +
         " would have established, and none did";
}

std::optional<std::string> Scheduler::blocked(std::size_t i) const {
  if (auto why = prerequisite_problem(i)) return why;
  return fact_problem(i);
}

}  // namespace ock::conformance::runner
