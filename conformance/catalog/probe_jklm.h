// Helpers for the J-M case bodies that go beyond Probe: the secrets of a run (for M6/M7) and the
// [LOGS] command of the profile (M7). These do I/O or read shared state; they judge nothing
// (checks_jklm.h does).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "conformance/catalog/checks_jklm.h"
#include "conformance/catalog/probe.h"

namespace ock::conformance::catalog {

// Every secret the run knows: the client secrets and user passwords of the profile, the canaries
// and the tokens seen so far (RunState::secrets), each with its kind.
std::vector<KnownSecret> known_secrets(Probe& p);
// Runs `command` with /bin/sh -c and returns its standard output (at most `cap` bytes; standard
// error is left alone). An error when it cannot start or exits non-zero.
Result<std::string, std::string> capture_command_output(const std::string& command,
                                                        std::size_t cap = 64u << 20);

}  // namespace ock::conformance::catalog
