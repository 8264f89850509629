// The handy CLI: the subcommands token, call, refresh, revoke and introspect, each a short
// sequence on top of Session. Each returns the process exit code (see session.h) and prints
// at most one error sentence. Depends on the client's own units only.
#pragma once

#include "client/session.h"

namespace ock::client {

int run_token(Session& session);       // password grant, cache the answer, show it masked
int run_call(Session& session);        // Bearer call with the cached token, refreshing first
int run_refresh(Session& session);     // refresh grant with the cached refresh token
int run_revoke(Session& session);      // RFC 7009, the refresh token (or --access)
int run_introspect(Session& session);  // RFC 7662, the access token (or --refresh)

}  // namespace ock::client
