// `oauth-client walkthrough`: the tutorial's password-grant flow, narrated step by step, each
// HTTP exchange shown and explained. Adapts when the server lacks an optional feature (refresh
// tokens, revocation) and says so. Depends on the client's own units only.
#pragma once

#include "client/session.h"

namespace ock::client {

// Runs the whole flow. Pauses for Enter between steps when stdin is a terminal, unless
// options().no_pause. Returns kExitOk when the flow ran (even with optional features missing),
// non-zero when a required step (getting the first token) failed. Never touches the cache.
int run_walkthrough(Session& session);

}  // namespace ock::client
