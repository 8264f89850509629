#include "conformance/runner/runner.h"

#include <chrono>
#include <ctime>
#include <map>

#include "conformance/engine/run_state.h"
#include "conformance/engine/secrets.h"
#include "conformance/runner/breaker.h"
#include "conformance/runner/discovery.h"
#include "conformance/runner/execution.h"
#include "conformance/runner/redactor.h"
#include "conformance/runner/run_stop.h"
#include "conformance/runner/scheduler.h"
#include "conformance/runner/source_address.h"

namespace ock::conformance::runner {
namespace {

constexpr const char* kBreakerMessage =
    "circuit breaker: the target stopped answering, case not run";
// The transport's own total timeout (CurlOptions), bounded further by a deadline.
constexpr std::chrono::milliseconds kDefaultRequestTimeout{30000};

}  // namespace

Runner::Runner(const catalog::Catalog& catalog, const engine::Profile& profile,
               engine::Transport& transport, engine::Sleeper& sleeper, RunOptions options)
    : catalog_(catalog),
      profile_(profile),
      transport_(transport),
      sleeper_(sleeper),
      options_(std::move(options)) {}

RunReport Runner::header() const {
  RunReport report;
  report.runner_version = options_.runner_version;
  report.catalog_version = catalog::kCatalogVersion;
  report.mode = to_string(options_.mode);
  report.target_name = profile_.name;
  report.base_url = profile_.base_url;
  report.profile_sha256 = options_.profile_sha256;
  report.started = engine::utc_now("%Y-%m-%dT%H:%M:%SZ");
  report.insecure = profile_.tls.insecure;
  return report;
}

RunOutcome Runner::run() {
  const auto started_at = engine::SteadyClock::now();
  RunOutcome outcome;
  outcome.report = header();
  std::atomic<bool> own_flag{false};
  std::atomic<bool>& flag = options_.stop_flag ? *options_.stop_flag : own_flag;
  RunStop stop(flag, options_.deadline);
  auto stopping = [&] {
    return stop.why(options_.stop_reason ? options_.stop_reason() : "the run was stopped");
  };
  StoppableTransport stoppable(transport_, stop, flag, kDefaultRequestTimeout);
  BreakerTransport breaker(stoppable, options_.breaker_threshold);
  engine::Profile profile = profile_;
  discover(breaker, profile);
  outcome.report.grants = profile.grants;
  outcome.report.grants_source = profile.grants_source;
  engine::RunState state;
  auto selected = select_cases(catalog_, options_.only, options_.skip);
  // A source address of its own for each destructive case, when there are enough.
  std::map<std::string, std::string, std::less<>> own_source;
  for (const Case* c : selected) {
    if (c->destructive && own_source.size() < options_.destructive_sources.size()) {
      own_source.emplace(c->id, options_.destructive_sources[own_source.size()]);
    } else if (c->destructive) {
      own_source.clear();
      break;
    }
  }
  const auto policy =
      own_source.empty() ? DestructivePolicy::kLastAndAlone : DestructivePolicy::kOwnAddress;
  Scheduler scheduler(std::move(selected), options_.jobs, policy);
  ScheduleHooks hooks{
      .static_skip = [&](const Case& c) { return static_skip_reason(c, profile); },
      .execute =
          [&](const Case& c) {
            std::optional<CaseDeadline> own_deadline;
            if (options_.case_deadline) own_deadline.emplace(*options_.case_deadline);
            auto own = own_source.find(c.id);
            if (own == own_source.end()) {
              return execute_case(c, profile, breaker, sleeper_, state, options_.mode);
            }
            SourceAddressTransport from(breaker, own->second);
            CaseResult r = execute_case(c, profile, from, sleeper_, state, options_.mode,
                                        [&scheduler, &c] { scheduler.burst_over(c); });
            r.notes.push_back("sent from " + own->second +
                              ", an address no other case uses, so that a lockout keyed by "
                              "address cannot refuse their requests");
            return r;
          },
      .stopped = [&] { return breaker.open() || stopping().has_value(); },
      .established = [&](Fact f) { return state.has(f); },
      .not_run =
          [&](const Case& c) {
            CaseResult r = skeleton(c);
            r.verdict = Verdict::kError;
            auto why = stopping();
            r.reason = why ? *why + ": case not run" : kBreakerMessage;
            return r;
          },
      .finished =
          [&](CaseResult& r, int done, int total) {
            Redactor(engine::redaction_secrets(profile, state)).redact(r);
            if (options_.baseline) match_baseline(*options_.baseline, r);
            if (options_.on_case_finished) options_.on_case_finished(r, done, total);
          },
  };
  outcome.report.results = scheduler.run(hooks);
  if (auto why = stopping()) {
    outcome.stopped = true;
    outcome.report.incomplete = *why;
  } else {
    outcome.breaker_tripped = scheduler.stopped_early();
  }
  if (options_.baseline) {
    outcome.stale_entries = mark_stale(*options_.baseline, outcome.report.results);
  }
  // Tokens seen after a case finished (by later cases) are redacted from it too.
  Redactor final_redactor(engine::redaction_secrets(profile, state));
  for (auto& r : outcome.report.results) final_redactor.redact(r);
  outcome.report.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(engine::SteadyClock::now() - started_at)
          .count();
  return outcome;
}

int exit_code(const RunOutcome& outcome, bool fail_on_warn) {
  if (outcome.breaker_tripped || outcome.stopped) return 2;
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
