// oauth-refserver: the reference OAuth 2.0 provider. Parses the command line (cli/options.*)
// and runs the chosen subcommand (cli/commands.*): serve, or an admin command.
#include "reference-server/cli/commands.h"
#include "reference-server/cli/options.h"

int main(int argc, char** argv) {
  ock::server::cli::CommandLine command_line;
  if (auto exit_code = command_line.parse(argc, argv)) return *exit_code;
  return ock::server::cli::run(command_line.options());
}
