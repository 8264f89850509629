#include "conformance/engine/grants.h"

#include <utility>

#include "conformance/engine/token_reply.h"

namespace ock::conformance::engine {
namespace {

constexpr const char* kNoRefreshToken = "no refresh token issued";

}  // namespace

void skip_unless_refresh_tokens(Probe& p) {
  auto c1 = p.published(facts::kPasswordReply);
  if (c1 && token_issued(*c1) && !refresh_token_of(*c1)) p.skip(kNoRefreshToken);
}

Grant obtain_refresh_grant(Probe& p, std::optional<std::string> scope,
                           std::string_view client_role) {
  skip_unless_refresh_tokens(p);
  Grant g = p.obtain_grant("primary", client_role, std::move(scope));
  if (!g.refresh_token || g.refresh_token->empty()) p.skip(kNoRefreshToken);
  return g;
}

std::string short_client_role(const Profile& profile) {
  return profile.client("short_lived") ? "short_lived" : "primary";
}

Grant obtain_short_grant(Probe& p) {
  std::string role = short_client_role(p.profile());
  Grant g = p.obtain_grant("primary", role);
  const int max_wait = p.profile().timing.max_wait_s;
  if (!g.expires_in) {
    p.skip("needs [SHORT]: the " + role + " client's token reply has no expires_in");
  }
  if (*g.expires_in > max_wait) {
    p.skip(
        "needs [SHORT]: the " + role + " client's tokens live " + std::to_string(*g.expires_in) +
        " s, longer than timing.max_wait_s (" + std::to_string(max_wait) + " s); " +
        (role == "primary" ? "add clients.short_lived or raise --max-wait" : "raise --max-wait"));
  }
  return g;
}

}  // namespace ock::conformance::engine
