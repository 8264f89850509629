// oauth-refserver's subcommands, run on parsed options: `serve` (open the store, seed it, wire
// the core to HttpServer, serve until SIGINT/SIGTERM) and the admin commands (migrate, seed,
// create-user, create-client, list-clients). No CLI11 here: cli/options.* parses.
#pragma once

#include "reference-server/cli/options.h"

namespace ock::server::cli {

// Runs the subcommand. Never throws: errors go to stderr as one "oauth-refserver: ..." line,
// and the result is the exit code (0 done, 2 usage or startup error, 1 anything else).
int run(const Options& options);

}  // namespace ock::server::cli
