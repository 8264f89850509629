// libFuzzer target runner_profile: a target profile (docs/profile.md) through parse_profile, the
// text half of load_profile, with a fixed environment for ${env:...}. An accepted profile has a
// primary client, a resource, absolute URLs and timing integers from 0 to 100000000 (the
// documented range); every question the runner asks of it answers. Engine and runner units only.
#include "conformance/engine/profile.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "conformance/model/case.h"
#include "conformance/runner/target_profile.h"
#include "tests/support/fuzz_invariant.h"

namespace ock::conformance::runner {
namespace {

bool is_absolute(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

bool in_range(int seconds) { return seconds >= 0 && seconds <= 100'000'000; }

std::optional<std::string> fixed_env(const std::string& name) {
  static const std::map<std::string, std::string> kEnv = {
      {"OCK_TARGET_URL", "https://127.0.0.1:8443"},
      {"PRIMARY_SECRET", "s3cret"},
      {"ALICE_PASSWORD", "alice-password-1"},
      {"MAX_WAIT", "30"},
      {"INSECURE", "true"},
      {"EMPTY", ""},
  };
  auto it = kEnv.find(name);
  if (it == kEnv.end()) return std::nullopt;
  return it->second;
}

void fuzz_one(std::string_view input) {
  static const EnvLookup env = fixed_env;
  auto loaded = parse_profile(input, env);
  if (!loaded) {
    fuzz::require(!loaded.error().empty(), "a refused profile says why");
    return;
  }
  const engine::Profile& p = loaded->profile;
  fuzz::require(p.client("primary") != nullptr, "an accepted profile has a primary client");
  fuzz::require(!p.resources.empty(), "an accepted profile has a resource");
  fuzz::require(is_absolute(p.token_url), "the token endpoint is an absolute URL");
  for (const auto& r : p.resources) {
    fuzz::require(is_absolute(r.url), "every resource URL is absolute");
  }
  const engine::Timing& t = p.timing;
  fuzz::require(in_range(t.max_wait_s) && in_range(t.leeway_s) &&
                    in_range(t.propagation_window_s) && in_range(t.refresh_grace_s) &&
                    in_range(t.bruteforce_attempts) && in_range(t.bruteforce_window_s) &&
                    in_range(t.code_lifetime_s),
                "every timing value is an integer from 0 to 100000000");
  fuzz::require(loaded->sha256.size() == 64, "the profile's SHA-256 is 64 hex digits");

  for (Need need : kAllNeeds) (void)p.missing(need);
  (void)p.rs();
  (void)p.rs_scoped();
  (void)p.post_client();
  (void)p.code_client_role();
  (void)p.offers("password");
  (void)p.well_known_url();
}

}  // namespace
}  // namespace ock::conformance::runner

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::conformance::runner::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
