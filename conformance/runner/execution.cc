#include "conformance/runner/execution.h"

#include <chrono>
#include <exception>

#include "conformance/engine/probe.h"
#include "conformance/engine/recorder.h"

namespace ock::conformance::runner {
namespace {

// Runs the body; how it ended.
BodyOutcome run_body(const Case& c, engine::Probe& probe) {
  BodyOutcome o;
  if (!c.run) {
    o.error_reason = "case has no implementation";
    return o;
  }
  try {
    c.run(probe);
  } catch (const engine::CaseSkipped& s) {
    o.skip_reason = s.reason;
  } catch (const engine::CaseAborted& a) {
    o.abort_reason = a.reason;
  } catch (const engine::CaseError& e) {
    o.error_reason = e.reason;
  } catch (const std::exception& e) {
    o.error_reason = std::string("internal error in the case: ") + e.what();
  } catch (...) {
    o.error_reason = "internal error in the case";
  }
  return o;
}

}  // namespace

CaseResult execute_case(const Case& c, const engine::Profile& profile, engine::Transport& transport,
                        engine::Sleeper& sleeper, engine::RunState& state, Mode mode,
                        std::function<void()> on_burst_over) {
  engine::Recorder recorder;
  engine::RecorderScope scope(recorder);
  engine::Probe probe(c, profile, transport, sleeper, state, recorder);
  probe.set_on_burst_over(std::move(on_burst_over));
  const auto t0 = engine::SteadyClock::now();
  const BodyOutcome outcome = run_body(c, probe);
  const auto took = engine::SteadyClock::now() - t0;
  CaseResult r = grade(c, outcome, recorder.findings(), recorder.notes(), mode);
  r.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
  r.exchanges = recorded(probe.exchanges());
  return r;
}

}  // namespace ock::conformance::runner
