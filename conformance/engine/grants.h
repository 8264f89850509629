// How a case obtains the tokens it needs, beyond Probe::obtain_grant: a grant that carries a
// refresh token, and a short-lived grant for the expiry cases ([SHORT]). Each one SKIPs the case
// with the reason when the target cannot give what is asked. Sends through the Probe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "conformance/engine/probe.h"

namespace ock::conformance::engine {

// Ends the case with SKIP "no refresh token issued" when password.success.basic published a
// reply without a refresh_token (reads facts::kPasswordReply).
void skip_unless_refresh_tokens(Probe& p);
// A fresh grant for this case that carries a refresh token; SKIP "no refresh token issued"
// when the target returns none (reads facts::kPasswordReply).
Grant obtain_refresh_grant(Probe& p, std::optional<std::string> scope = std::nullopt,
                           std::string_view client_role = "primary");
// The client whose tokens are short-lived ([SHORT]): clients.short_lived, else "primary".
std::string short_client_role(const Profile& profile);
// A fresh grant from the [SHORT] client; SKIPs when its expires_in is unknown or longer than
// timing.max_wait_s.
Grant obtain_short_grant(Probe& p);

}  // namespace ock::conformance::engine
