// Checks that no secret of the run shows up where it must not: echoed in a reply, carried in a
// URL-valued header, or written to the target's log (RFC 6749 §10.3, RFC 6750 §5.3, RFC 9700
// §4.3.2). Findings name the kind of secret and the place, never the value. No I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "conformance/checks/check.h"
#include "conformance/engine/http.h"
#include "conformance/engine/run_state.h"
#include "conformance/engine/secrets.h"

namespace ock::conformance::checks {

using engine::HttpExchange;
using engine::KnownSecret;
using engine::LoggedExchange;

// Where known secrets show up in the reply: every header, and the body with the access_token,
// refresh_token and id_token members of a JSON object taken out (that is where tokens are issued,
// not echoed). Secrets shorter than 8 characters are ignored.
std::vector<std::string> secret_echoes(const HttpExchange& x,
                                       const std::vector<KnownSecret>& secrets);
// Known secrets inside Location, Content-Location or Link header values (raw or form-encoded).
std::vector<std::string> secrets_in_url_headers(const HttpExchange& x,
                                                const std::vector<KnownSecret>& secrets);
// Known secrets inside a text (a log). Each entry names the kind and how often.
std::vector<std::string> secrets_in_text(std::string_view text,
                                         const std::vector<KnownSecret>& secrets);

// No reply of the run echoes a secret.                            default id "no_echo"
bool expect_no_secret_echo(const std::vector<LoggedExchange>& xs,
                           const std::vector<KnownSecret>& secrets, const Tag& tag = {});
// No reply of the run carries a secret in a URL-valued header.    default id "no_secret_in_url"
bool expect_no_secret_in_url_headers(const std::vector<LoggedExchange>& xs,
                                     const std::vector<KnownSecret>& secrets, const Tag& tag = {});
// The log text holds none of the secrets.                         default id "logs_clean"
bool expect_no_secrets_in_text(std::string_view text, const std::vector<KnownSecret>& secrets,
                               const Tag& tag = {});

}  // namespace ock::conformance::checks
