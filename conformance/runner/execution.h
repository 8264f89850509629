// Runs one case body against the target: a Recorder installed on the calling thread, a Probe
// over the run's shared state, every way a body can end caught (SKIP, ERROR, an aborted check,
// an exception), the time it took; then the result is graded. Unredacted: the runner redacts.
#pragma once

#include <functional>

#include "conformance/engine/profile.h"
#include "conformance/engine/run_state.h"
#include "conformance/engine/sleeper.h"
#include "conformance/engine/transport.h"
#include "conformance/model/case.h"
#include "conformance/runner/grading.h"

namespace ock::conformance::runner {

// `on_burst_over`: what the case's Probe::burst_over calls (the scheduler's), if anything.
CaseResult execute_case(const Case& c, const engine::Profile& profile, engine::Transport& transport,
                        engine::Sleeper& sleeper, engine::RunState& state, Mode mode,
                        std::function<void()> on_burst_over = {});

}  // namespace ock::conformance::runner
