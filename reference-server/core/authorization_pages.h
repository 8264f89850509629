// What the authorization endpoint answers, as pure functions of their inputs: the login and
// consent pages (plain HTML forms a person or a script can fill in), the error page, and the
// redirects back to the client with a code or an error (RFC 6749 §4.1.2, RFC 9207 iss). Every
// page goes through core/html (escaping, no framing, no caching). std + core only: no store,
// no sessions, no decisions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reference-server/core/api.h"
#include "reference-server/core/models.h"
#include "reference-server/core/oauth_error.h"

namespace ock::server {

// Where the forms post: the endpoint itself, with the authorization request's raw query kept.
std::string form_action(const std::string& raw_query);

// 200: <form method="post" action="`action`"> with a hidden csrf_token, text input username
// (prefilled with `username`), password input password and a submit button; `message` (if not
// empty) above it.
ApiReply login_page(const std::string& action, const std::string& csrf_token,
                    const std::string& client_name, const std::string& username,
                    const std::string& message);

// 200: the client's name, the scopes asked for (name: description), and a form posting to
// `action` with a hidden csrf_token and two submit buttons named decision, values allow and deny.
ApiReply consent_page(const std::string& action, const std::string& csrf_token,
                      const std::string& client_name, const std::vector<Scope>& scopes);

// `status` with `message` and no link anywhere.
ApiReply error_page(int status, const std::string& message);

// The status of a redirect back to the client: 302 (RFC 6749 §4.1.2) for a GET, 303 for an
// answer to a form POST, which may carry credentials (RFC 9700 §4.12: never 307; SHOULD 303).
int redirect_status(const std::string& method);

// `status` to `redirect_uri` with code, state (when the request had one) and iss.
ApiReply code_redirect(int status, const std::string& redirect_uri, const std::string& code,
                       const std::optional<std::string>& state, const std::string& issuer);

// `status` to `redirect_uri` with error, error_description, state (when the request had one)
// and iss.
ApiReply error_redirect(int status, const std::string& redirect_uri, const OAuthError& error,
                        const std::optional<std::string>& state, const std::string& issuer);

}  // namespace ock::server
