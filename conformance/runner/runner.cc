#include "conformance/runner/runner.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <thread>

#include "conformance/engine/form.h"
#include "conformance/engine/probe.h"
#include "conformance/engine/recorder.h"
#include "conformance/engine/run_state.h"
#include "conformance/engine/secrets.h"
#include "conformance/runner/glob.h"
#include "conformance/runner/redactor.h"

namespace ock::conformance::runner {
namespace {

constexpr const char* kBreakerMessage =
    "circuit breaker: the target stopped answering, case not run";

// Counts consecutive connect/timeout failures; once open, fails every call at once.
class BreakerTransport : public engine::Transport {
 public:
  BreakerTransport(engine::Transport& inner, int threshold)
      : inner_(inner), threshold_(threshold) {}

  Result<engine::HttpExchange, engine::TransportError> send(
      const engine::HttpRequest& request) override {
    if (open_) {
      return fail(engine::TransportError{engine::TransportError::Kind::kConnect,
                                          "circuit breaker open: the target stopped answering"});
    }
    auto r = inner_.send(request);
    if (r) {
      consecutive_ = 0;
    } else if (r.error().kind == engine::TransportError::Kind::kConnect ||
               r.error().kind == engine::TransportError::Kind::kTimeout) {
      if (++consecutive_ >= threshold_) open_ = true;
    }
    return r;
  }
  bool open() const { return open_; }

 private:
  engine::Transport& inner_;
  int threshold_;
  std::atomic<int> consecutive_{0};
  std::atomic<bool> open_{false};
};

int severity(Verdict v) {
  switch (v) {
    case Verdict::kPass: return 0;
    case Verdict::kWarn: return 1;
    case Verdict::kFail: return 2;
    default: return 0;
  }
}

std::string utc_now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

CaseResult skeleton(const Case& c) {
  CaseResult r;
  r.id = c.id;
  r.area = c.area;
  r.title = c.title;
  r.requirement = c.requirement;
  r.refs = c.refs;
  r.level = to_string(c.level);
  return r;
}

CaseResult skipped(const Case& c, std::string reason) {
  CaseResult r = skeleton(c);
  r.verdict = Verdict::kSkip;
  r.reason = reason;
  r.skip_reason = std::move(reason);
  return r;
}

enum class State { kPending, kRunning, kDone };

}  // namespace

std::optional<Mode> parse_mode(std::string_view text) {
  if (text == "rfc") return Mode::kRfc;
  if (text == "strict") return Mode::kStrict;
  if (text == "bcp") return Mode::kBcp;
  return std::nullopt;
}

const char* to_string(Mode mode) {
  switch (mode) {
    case Mode::kRfc: return "rfc";
    case Mode::kStrict: return "strict";
    case Mode::kBcp: return "bcp";
  }
  return "rfc";
}

Verdict verdict_for_failure(Level level, Mode mode) {
  switch (level) {
    case Level::kMust: return Verdict::kFail;
    case Level::kShould:
    case Level::kTolerance: return mode == Mode::kStrict ? Verdict::kFail : Verdict::kWarn;
    case Level::kBcp: return mode == Mode::kBcp ? Verdict::kFail : Verdict::kWarn;
    case Level::kAdvice: return Verdict::kWarn;
    case Level::kNotice: return mode == Mode::kBcp ? Verdict::kWarn : Verdict::kPass;
    case Level::kMay: return Verdict::kPass;
  }
  return Verdict::kFail;
}

std::vector<const Case*> select_cases(const catalog::Catalog& catalog,
                                      const std::vector<std::string>& only,
                                      const std::vector<std::string>& skip) {
  std::vector<const Case*> out;
  for (const auto& c : catalog.cases()) {
    if (!only.empty() && !glob_match_any(only, c.id)) continue;
    if (glob_match_any(skip, c.id)) continue;
    out.push_back(&c);
  }
  return out;
}

Runner::Runner(const catalog::Catalog& catalog, const engine::Profile& profile,
               engine::Transport& transport, engine::Sleeper& sleeper, RunOptions options)
    : catalog_(catalog),
      profile_(profile),
      transport_(transport),
      sleeper_(sleeper),
      options_(std::move(options)) {}

RunOutcome Runner::run() {
  const auto started_at = engine::SteadyClock::now();
  RunOutcome outcome;
  RunReport& report = outcome.report;
  report.runner_version = options_.runner_version;
  report.catalog_version = catalog::kCatalogVersion;
  report.mode = to_string(options_.mode);
  report.target_name = profile_.name;
  report.base_url = profile_.base_url;
  report.profile_sha256 = options_.profile_sha256;
  report.started = utc_now_iso();
  report.insecure = profile_.tls.insecure;

  const auto selected = select_cases(catalog_, options_.only, options_.skip);
  const std::size_t n = selected.size();
  BreakerTransport breaker(transport_, std::max(1, options_.breaker_threshold));
  engine::RunState state;

  auto all_secrets = [&] { return engine::redaction_secrets(profile_, state); };

  // Dependencies among the selected cases.
  std::vector<std::vector<std::size_t>> hard(n), soft(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Case& c = *selected[i];
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      const Case& d = *selected[j];
      if (!c.destructive && d.destructive) continue;  // destructive cases always come last
      if (glob_match_any(c.after, d.id)) hard[i].push_back(j);
      else if (glob_match_any(c.follows, d.id) && !glob_match_any(d.follows, c.id) &&
               !glob_match_any(d.after, c.id))
        soft[i].push_back(j);
    }
  }

  std::mutex mu;
  std::condition_variable cv;
  std::vector<State> st(n, State::kPending);
  std::vector<CaseResult> results(n);
  std::size_t done = 0;
  int running_normal = 0;
  int running_total = 0;
  std::vector<std::thread> threads;

  // Called with mu held.
  auto finish = [&](std::size_t i, CaseResult r) {
    Redactor(all_secrets()).redact(r);
    if (options_.baseline) match_baseline(*options_.baseline, r);
    results[i] = std::move(r);
    st[i] = State::kDone;
    ++done;
    if (options_.on_case_finished) {
      options_.on_case_finished(results[i], static_cast<int>(done), static_cast<int>(n));
    }
  };

  auto execute = [&](const Case& c) -> CaseResult {
    CaseResult r = skeleton(c);
    engine::Recorder recorder;
    engine::RecorderScope scope(recorder);
    engine::Probe probe(c, profile_, breaker, sleeper_, state, recorder);
    const auto t0 = engine::SteadyClock::now();
    std::optional<std::string> skip_reason;
    std::optional<std::string> error_reason;
    if (!c.run) {
      error_reason = "case has no implementation";
    } else {
      try {
        c.run(probe);
      } catch (const engine::CaseSkipped& s) {
        skip_reason = s.reason;
      } catch (const engine::CaseAborted& a) {
        r.notes.push_back("stopped early: " + a.reason);
      } catch (const engine::CaseError& e) {
        error_reason = e.reason;
      } catch (const std::exception& e) {
        error_reason = std::string("internal error in the case: ") + e.what();
      } catch (...) {
        error_reason = "internal error in the case";
      }
    }
    r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        engine::SteadyClock::now() - t0)
                        .count();
    for (auto& note : recorder.notes()) r.notes.push_back(std::move(note));
    int worst = 0;
    std::string worst_reason;
    for (const auto& f : recorder.findings()) {
      AssertionResult a{f.id, Verdict::kPass, f.expected, f.actual};
      if (!f.passed) {
        Level level = f.level.value_or(c.level);
        a.verdict = verdict_for_failure(level, options_.mode);
        if (level == Level::kMay) {
          r.notes.push_back("optional behaviour absent: " + f.id + " (expected " + f.expected +
                            ", got " + f.actual + ")");
        }
        if (severity(a.verdict) > worst) {
          worst = severity(a.verdict);
          worst_reason = f.id + ": expected " + f.expected + ", got " + f.actual;
        }
      }
      r.assertions.push_back(std::move(a));
    }
    for (const auto& x : probe.exchanges()) {
      RecordedExchange rx;
      rx.label = x.label;
      rx.request = x.raw_request.empty() ? x.request.method + " " + x.request.url : x.raw_request;
      rx.response = x.raw_response;
      r.exchanges.push_back(std::move(rx));
    }
    if (error_reason) {
      r.verdict = Verdict::kError;
      r.reason = *error_reason;
    } else if (skip_reason && worst == 0) {
      r.verdict = Verdict::kSkip;
      r.reason = *skip_reason;
      r.skip_reason = *skip_reason;
    } else {
      r.verdict = worst == 2 ? Verdict::kFail : worst == 1 ? Verdict::kWarn : Verdict::kPass;
      if (worst > 0) r.reason = worst_reason;
      else if (!r.notes.empty()) r.reason = r.notes.front();
    }
    return r;
  };

  auto launch = [&](std::size_t i) {
    const Case& c = *selected[i];
    st[i] = State::kRunning;
    ++running_total;
    bool counts = !c.time_delayed && !c.destructive;
    if (counts) ++running_normal;
    threads.emplace_back([&, i, counts] {
      CaseResult r = execute(*selected[i]);
      std::lock_guard lock(mu);
      --running_total;
      if (counts) --running_normal;
      finish(i, std::move(r));
      cv.notify_all();
    });
  };

  {
    std::unique_lock lock(mu);
    // Static skips: needs and destructive opt-in.
    for (std::size_t i = 0; i < n; ++i) {
      const Case& c = *selected[i];
      for (auto need : c.needs) {
        if (auto why = profile_.missing(need)) {
          finish(i, skipped(c, *why));
          break;
        }
      }
      if (st[i] == State::kPending && c.destructive && !profile_.allow_destructive) {
        finish(i, skipped(c, "destructive case: the profile does not set allow_destructive: true"));
      }
    }
    const int jobs = std::max(1, options_.jobs);
    while (done < n) {
      if (breaker.open()) {
        outcome.breaker_tripped = true;
        for (std::size_t i = 0; i < n; ++i) {
          if (st[i] != State::kPending) continue;
          CaseResult r = skeleton(*selected[i]);
          r.verdict = Verdict::kError;
          r.reason = kBreakerMessage;
          finish(i, std::move(r));
        }
        if (done >= n) break;
        cv.wait(lock);
        continue;
      }
      bool progressed = false;
      auto deps_done = [&](std::size_t i) {
        for (auto j : hard[i]) if (st[j] != State::kDone) return false;
        for (auto j : soft[i]) if (st[j] != State::kDone) return false;
        return true;
      };
      auto prerequisite_problem = [&](std::size_t i) -> std::optional<std::string> {
        for (auto j : hard[i]) {
          auto v = results[j].verdict;
          if (v == Verdict::kPass || v == Verdict::kWarn) continue;
          if (v == Verdict::kSkip) return "prerequisite " + selected[j]->id + " skipped";
          return "prerequisite " + selected[j]->id + " failed";
        }
        return std::nullopt;
      };
      bool normal_left = false;
      for (std::size_t i = 0; i < n; ++i) {
        if (st[i] != State::kPending || selected[i]->destructive) continue;
        normal_left = true;
        if (!deps_done(i)) continue;
        if (auto why = prerequisite_problem(i)) {
          finish(i, skipped(*selected[i], *why));
          progressed = true;
          continue;
        }
        if (selected[i]->time_delayed || running_normal < jobs) {
          launch(i);
          progressed = true;
        }
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (st[i] == State::kRunning && !selected[i]->destructive) normal_left = true;
      }
      if (!normal_left && running_total == 0) {
        // Destructive cases: last, one at a time.
        for (std::size_t i = 0; i < n; ++i) {
          if (st[i] != State::kPending) continue;
          if (auto why = prerequisite_problem(i)) {
            finish(i, skipped(*selected[i], *why));
            progressed = true;
            continue;
          }
          launch(i);
          progressed = true;
          break;
        }
      }
      if (!progressed && running_total == 0 && done < n) {
        // Only an ordering cycle can get here: start the first pending case anyway.
        for (std::size_t i = 0; i < n; ++i) {
          if (st[i] == State::kPending) {
            launch(i);
            progressed = true;
            break;
          }
        }
      }
      if (!progressed && done < n) cv.wait(lock);
    }
  }
  for (auto& t : threads) t.join();

  report.results = std::move(results);
  if (options_.baseline) {
    outcome.stale_entries = mark_stale(*options_.baseline, report.results);
  }
  Redactor final_redactor(all_secrets());
  for (auto& r : report.results) final_redactor.redact(r);
  report.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           engine::SteadyClock::now() - started_at)
                           .count();
  return outcome;
}

int exit_code(const RunOutcome& outcome, bool fail_on_warn) {
  if (outcome.breaker_tripped) return 2;
  bool unexpected_fail = false, stale = false, error = false, warn = false;
  int executed = 0;
  for (const auto& r : outcome.report.results) {
    if (r.verdict != Verdict::kSkip) ++executed;
    if (r.verdict == Verdict::kFail && r.baseline != Verdict::kFail) unexpected_fail = true;
    if (r.stale_baseline) stale = true;
    if (r.verdict == Verdict::kError) error = true;
    if (r.verdict == Verdict::kWarn && r.baseline != Verdict::kWarn) warn = true;
  }
  if (error) return 2;  // incomplete results: the run itself failed
  if (unexpected_fail || stale || !outcome.stale_entries.empty()) return 1;
  if (executed == 0) return 3;
  if (fail_on_warn && warn) return 4;
  return 0;
}

}  // namespace ock::conformance::runner
