// The order and concurrency of a run: the dependency graph of the selected cases (`after` is a
// prerequisite whose failure SKIPs the dependant, `follows` only orders, `needs_facts` waits for
// every case writing one of those facts and SKIPs when none was written), up to `jobs` ordinary
// cases at once, time-delayed cases on their own threads so their waits overlap, destructive
// cases per DestructivePolicy, and a stop (the circuit breaker) that turns what is pending into
// ERROR. Knows nothing of HTTP: the hooks run, skip and finish cases.
//
// Destructive cases (security.bruteforce.*, client_auth.secret_in_query) lock a user or a
// client on purpose: a burst of wrong credentials, then seconds of waiting for the lock to lift.
// What such a lock refuses depends on what the target keys it by: the username or client id
// (then only users.victim / clients.throwaway, which no other case touches), or the client's IP
// address (then every password or client secret the run sends from that address; the fault
// server's lockout_per_address mode is the negative control). The runner cannot tell which
// before the lock exists, and a lock may outlast its case. So destructive cases overlap the
// rest of the run only when each sends from a loopback address of its own (kOwnAddress; the
// runner picks it when every URL of the target is on 127.0.0.0/8, runner/source_address.h);
// otherwise they run last and alone, as before (kLastAndAlone). A burst also times its replies
// (a growing delay is a defence), and password.error.unknown_user times others: bursts run one
// at a time, beside nothing but the time-delayed cases (which mostly sleep) and what those need.
// Their replies stay out of token_response.error_*'s view (Probe), whenever those run.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "conformance/model/case.h"
#include "conformance/model/run_report.h"

namespace ock::conformance::runner {

struct ScheduleHooks {
  // Why a case SKIPs before it runs (needs, destructive opt-in), or nullopt.
  std::function<std::optional<std::string>(const Case&)> static_skip;
  // Runs a case; called on a worker thread, without the scheduler's lock.
  std::function<CaseResult(const Case&)> execute;
  // True once the run must stop (the target stopped answering).
  std::function<bool()> stopped;
  // Whether a case wrote the fact (for `needs_facts`).
  std::function<bool(Fact)> established;
  // The result of a case never started because the run stopped.
  std::function<CaseResult(const Case&)> not_run;
  // Every result as it is final (under the scheduler's lock, one at a time); may amend it.
  std::function<void(CaseResult&, int done, int total)> finished;
};

// Where the destructive cases go.
enum class DestructivePolicy {
  // After every other case (ordinary and time-delayed) has finished, one at a time, in the
  // order given (a `follows` between two of them counts): no other case runs while a lock they
  // provoke lasts, whatever the target keys it by. An ordinary case never waits for one.
  kLastAndAlone,
  // Each destructive case sends from a source address no other case uses (the runner arranges
  // it), so a lockout keyed by address refuses no other case's request, and one keyed by
  // username or client id only its own principals. Destructive cases go first: the cases they
  // need (transitively) run, then each one's burst (from its start to Probe::burst_over, or to
  // its end), one at a time, beside nothing but the time-delayed cases and what those need (a
  // few requests, then sleep: the long waits start early); destructive cases are outside the
  // `jobs` limit, like time-delayed ones. Once every burst is over the other ordinary cases run,
  // beside the destructive cases' waits for their locks to lift. What orders them is data: a
  // destructive case `follows` the cases that share its principal
  // (security.bruteforce.client_secret follows client_auth.secret_in_query: clients.throwaway),
  // and an ordinary case whose `follows` names one (security.no_secret_leakage and
  // security.logs_no_secrets follow "*": every exchange, every log line) waits for its end.
  kOwnAddress,
};

class Scheduler {
 public:
  Scheduler(std::vector<const Case*> cases, int jobs,
            DestructivePolicy policy = DestructivePolicy::kLastAndAlone);
  // Runs every case; the results in the order of the cases given.
  std::vector<CaseResult> run(const ScheduleHooks& hooks);
  // From a case's thread (Probe::burst_over): the destructive case's burst of requests is over;
  // what is left of it waits and sends a request now and then (kOwnAddress).
  void burst_over(const Case& c);
  // True when the run stopped early (hooks.stopped became true).
  bool stopped_early() const { return stopped_early_; }

 private:
  enum class State { kPending, kRunning, kDone };

  void link();
  void finish(std::size_t i, CaseResult r);
  void launch(std::size_t i);
  void join_exited();
  void stop_pending();
  bool start_ordinary();
  bool ordinary_left() const;
  bool start_destructive();
  bool start_any();
  bool in_burst() const;
  bool bursts_ahead() const;
  bool runs_last(std::size_t i) const;
  bool deps_done(std::size_t i) const;
  std::optional<std::string> prerequisite_problem(std::size_t i) const;
  std::optional<std::string> fact_problem(std::size_t i) const;
  std::optional<std::string> blocked(std::size_t i) const;

  std::vector<const Case*> cases_;
  int jobs_;
  DestructivePolicy policy_;
  const ScheduleHooks* hooks_ = nullptr;
  std::vector<std::vector<std::size_t>> hard_, soft_, writers_;
  // Beside hard_[i][k]: the assertion case i needs from that prerequisite ("" = its verdict).
  std::vector<std::vector<std::string>> needed_assertion_;
  std::vector<State> state_;
  // kOwnAddress: the cases a destructive or time-delayed case needs (transitively), and the
  // destructive cases running whose burst is not over yet.
  std::vector<bool> needed_early_;
  std::vector<bool> loud_;
  std::vector<CaseResult> results_;
  std::size_t done_ = 0;
  int running_ordinary_ = 0;
  int running_ = 0;
  bool stopped_early_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  // One per case that ran (by case index); joined as soon as the case is done (exited_), so
  // that a long run does not keep a stack per finished case.
  std::vector<std::thread> threads_;
  std::vector<std::size_t> exited_;
};

}  // namespace ock::conformance::runner
