// `oauth-client walkthrough --flow code`: the authorization code grant with PKCE as a native
// app does it (RFC 6749 §4.1, RFC 7636, RFC 8252): verifier and challenge, the authorization
// URL, the redirect received on a loopback listener, the state and iss checks, the code
// exchange, and what a second use of the code does; every step explained. Client units only.
#pragma once

#include "client/session.h"

namespace ock::client {

// Runs the flow. The user logs in with a browser, or, with options().login_form, a scripted
// browser fills the server's login and consent forms (for --no-pause runs and tests). Returns
// kExitOk when a token came back, else the exit code after one sentence on stderr.
int run_code_walkthrough(Session& session);

}  // namespace ock::client
