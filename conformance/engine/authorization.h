// The front channel of the authorization code grant as a scripted user-agent: the
// authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3), the login and consent the
// profile's login recipe describes (the target's HTML forms, with a cookie jar per flow, or an
// external login command), and the authorization response read from the Location header
// (RFC 6749 §4.1.2, RFC 9207). The runner never listens for the redirect. Sends through the
// Probe (every exchange recorded); judges nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conformance/engine/probe.h"

namespace ock::conformance::engine {

// What goes into one authorization request; every field may be bent by a case.
struct AuthorizationAsk {
  std::string client_role = "primary";
  std::string user_role = "primary";
  std::optional<std::string> client_id{};  // nullopt: the client's; else sent as given
  std::optional<std::string> scope{};       // nullopt: scopes.request ("" omits it)
  std::optional<std::string> redirect_uri{};  // nullopt: the registered one; "": omitted
  std::string response_type = "code";
  std::optional<std::string> state{};         // nullopt: a fresh random state; "": omitted
  std::string code_challenge_method = "S256";  // "S256", "plain", or "" (no PKCE at all)
  bool send_method = true;                     // false: code_challenge_method left out
  std::vector<std::pair<std::string, std::string>> extra{};  // further parameters
  bool deny = false;     // refuse consent instead of giving it (the recipe's deny_value)
};

// What came back.
struct AuthorizationOutcome {
  std::string url;        // the authorization request sent
  std::string verifier;   // the PKCE verifier ("" without PKCE)
  std::string state;      // the state sent ("" when none)
  std::string redirect_uri;  // the redirect URI asked for ("" when omitted)
  bool redirected = false;   // a Location to the redirect URI (or off the target) came back
  std::string location;      // that Location, resolved
  std::vector<std::pair<std::string, std::string>> params;  // its query and fragment
  std::optional<HttpExchange> last;  // the last exchange of the flow
  std::vector<HttpExchange> pages;   // the HTML pages shown to the user (login, consent)
  bool consent_shown = false;        // a consent form was answered
  std::string stopped;  // why the flow ended without a redirect, "" when redirected

  // The first value of a parameter of the redirect, or nullopt.
  std::optional<std::string> param(std::string_view name) const;
};

// The authorization URL for `ask`, with `challenge` when PKCE is on.
std::string authorization_url(Probe& p, const AuthorizationAsk& ask, const std::string& state,
                              const std::string& challenge);
// Runs the front channel: the request, then login and consent per the profile's recipe, until a
// redirect to the client (or off the target's origin) or a page the recipe cannot go past.
AuthorizationOutcome authorize(Probe& p, const AuthorizationAsk& ask);
// The token request that redeems a code (RFC 6749 §4.1.3): redirect_uri and code_verifier as
// given (nullopt: left out), with the client's authentication (client_id alone for a public
// client).
HttpRequest code_token_request(Probe& p, std::string_view code, std::string_view client_role,
                               std::optional<std::string> redirect_uri,
                               std::optional<std::string> verifier);

}  // namespace ock::conformance::engine
