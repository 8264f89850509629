// What the runner learns about a target before any case runs: when the profile does not say
// which grants the target offers, the grant_types_supported of its RFC 8414 metadata (and the
// authorization endpoint it advertises, when the profile names none). One GET; a missing or
// malformed document changes nothing (every grant is then assumed, as before).
#pragma once

#include "conformance/engine/profile.h"
#include "conformance/engine/transport.h"

namespace ock::conformance::runner {

// Fills profile.grants / grants_source and authorization_url from the metadata when the
// profile lacks them.
void discover(engine::Transport& transport, engine::Profile& profile);

}  // namespace ock::conformance::runner
