// The secrets of a run: the client secrets and passwords of the profile, the canaries sent and
// the tokens seen (RunState), each with the kind a finding names it by; and the same list widened
// to every form a report must hide (the base64 of Basic credentials). Reads state; judges
// nothing, sends nothing.
#pragma once

#include <string>
#include <vector>

#include "conformance/engine/profile.h"
#include "conformance/engine/run_state.h"

namespace ock::conformance::engine {

struct KnownSecret {
  std::string value;
  std::string kind;  // "the client secret of clients.primary", "a canary credential", ...
};

// Every secret the run knows, each once, with its kind (findings name the kind, never the value).
std::vector<KnownSecret> known_secrets(const Profile& profile, const RunState& state);
// The values a report must never show: known_secrets, the values only redacted (codes, session
// ids, verifiers), and the base64 of each client's Basic credentials, form-encoded and raw (a
// debug page may echo the Authorization header it got).
std::vector<std::string> redaction_secrets(const Profile& profile, const RunState& state);

}  // namespace ock::conformance::engine
