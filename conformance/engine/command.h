// The one unit of the runner that starts external programs: the profile's logs_command (the
// target's log for security.logs_clean) and testssl.sh (tls.external_audit), both through
// /bin/sh -c. Output is capped; nothing here judges what a program printed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "conformance/model/result.h"

namespace ock::conformance::engine {

struct CommandRun {
  int exit_status = -1;  // -1 when the program did not exit normally
  std::string output;    // standard output, at most the cap (standard error is left alone)
};

// `s` in single quotes for /bin/sh, embedded single quotes escaped.
std::string shell_quote(std::string_view s);
// Runs `command` with /bin/sh -c. An error only when it cannot be started or waited for.
Result<CommandRun, std::string> run_shell(const std::string& command,
                                          std::size_t cap = std::size_t{64} << 20);
// Runs `command` and returns its standard output; an error naming it as `what` when it cannot
// start or exits non-zero ("the logs command failed (exit status 3)").
Result<std::string, std::string> capture_command_output(const std::string& command,
                                                        std::string_view what,
                                                        std::size_t cap = std::size_t{64} << 20);
// Runs `command` with every "{file}" replaced by the quoted path of a fresh temporary file and
// returns what the program wrote into that file (then removed), with its exit status in the
// error when it wrote nothing.
Result<std::string, std::string> run_shell_into_file(const std::string& command);

}  // namespace ock::conformance::engine
