// How a case gets the tokens it needs, whatever grant the target offers: the password grant, the
// authorization code grant (driven through the login recipe), or client credentials where no
// user is needed. The source is the first of those a case before it established (the published
// replies of password.success.basic, code.success and cc.success: a case lists them in
// `needs_facts`); when none did, the case SKIPs. Also a grant that carries a refresh token, and a
// short-lived grant for the expiry cases ([SHORT]). Sends through the Probe; judges nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/engine/probe.h"

namespace ock::conformance::engine {

enum class GrantKind { kPassword, kAuthorizationCode, kClientCredentials };
const char* to_string(GrantKind kind);  // "password", "authorization_code", "client_credentials"

// The facts a token-using case lists in `needs_facts`: any user's token, or a user's token.
inline const std::vector<Fact> kAnyTokenSource = {facts::kPasswordReply, facts::kCodeReply,
                                                  facts::kCcReply};
inline const std::vector<Fact> kUserTokenSource = {facts::kPasswordReply, facts::kCodeReply};

struct TokenAsk {
  std::string user_role = "primary";
  std::string client_role = "primary";
  std::optional<std::string> scope{};  // nullopt: scopes.request ("" asks for none)
  bool user = false;                   // true: a user's token (no client credentials)
};

// The grant this case's tokens come from; SKIP when no case before it established one.
GrantKind token_source(Probe& p, bool user);
// Asks for a token the way the source works and returns the answer unjudged: the token reply,
// or, in the code flow, the authorization endpoint's error redirect. ERROR when the flow could
// not be completed at all.
HttpExchange request_token(Probe& p, const TokenAsk& ask, std::string label);
// A fresh grant; ERROR when the target does not issue one.
Grant obtain_token(Probe& p, const TokenAsk& ask);
// A token request body that earns the client a token when it authenticates (for the cases that
// bend client authentication): the password grant for users.primary, a fresh authorization code
// (the front channel runs for it) with its redirect URI and verifier, or client credentials.
// Each call is fresh: a code is single-use. In the code flow, "primary" means the code client
// (grant_client_role), and a dedicated client that gets no code SKIPs the case.
Form grant_form(Probe& p, std::string_view client_role);
// The client a grant_form(p, client_role) belongs to, so the one that must authenticate with it:
// in the code flow, "primary" is clients.code where the profile has one.
std::string grant_client_role(Probe& p, std::string_view client_role);

// Ends the case with SKIP "no refresh token issued" when the token source's reply carried none.
void skip_unless_refresh_tokens(Probe& p);
// A fresh grant that carries a refresh token; SKIP "no refresh token issued" when none comes.
Grant obtain_refresh_grant(Probe& p, std::optional<std::string> scope = std::nullopt,
                           std::string_view client_role = "primary");
// The client whose tokens are short-lived ([SHORT]): clients.short_lived, else "primary".
std::string short_client_role(const Profile& profile);
// A fresh grant from the [SHORT] client; SKIPs when its expires_in is unknown or longer than
// timing.max_wait_s.
Grant obtain_short_grant(Probe& p);

}  // namespace ock::conformance::engine
