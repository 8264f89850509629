// Loads and validates the target profile of docs/profile.md into engine::Profile: `${env:NAME}`
// substitution in every string, paths resolved against base_url, errors naming the bad field
// ("clients.primary.secret: missing"). `${env:NAME:-default}` falls back to the default when NAME
// is unset (so "${env:OCK_TARGET_CA:-}" means "no CA file"). Reaches nothing over the network.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/engine/profile.h"
#include "conformance/model/result.h"

namespace ock::conformance::runner {

// Reads an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup process_env();

struct LoadedProfile {
  engine::Profile profile;
  std::string sha256;                 // of the file bytes
  std::vector<std::string> warnings;  // unknown fields and similar
};

// Errors are "<field path>: <problem>" (one sentence).
Result<LoadedProfile, std::string> parse_profile(std::string_view text, const EnvLookup& env);
Result<LoadedProfile, std::string> load_profile(const std::string& path, const EnvLookup& env);

// base_url + path, unless path is already absolute (http:// or https://).
std::string resolve_url(std::string_view base_url, std::string_view path);

}  // namespace ock::conformance::runner
