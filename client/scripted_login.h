// The login recipe of `walkthrough --flow code --no-pause`: plays the user's browser through
// the server's login and consent pages (its HTML forms, a cookie jar for its origin) until the
// server redirects to the client's redirect URI, then follows that redirect to the loopback
// listener as a browser would. For tests and demos; a person uses a real browser instead.
// Depends on session (to send and show each exchange) and html_forms; nothing of OAuth.
#pragma once

#include <string>

#include "client/session.h"

namespace ock::client {

struct LoginRecipe {
  std::string username;
  std::string password;
  std::string username_field = "username";
  std::string password_field = "password";
  std::string consent_field;  // "" when the server shows no consent page for this client
  std::string consent_value;  // "" keeps the value the page gives the field
};

struct ScriptedLogin {
  bool delivered = false;  // the redirect reached redirect_base and was delivered to it
  std::string location;    // the redirect to the client, as the server sent it
  std::string stopped;     // why it ended without one
  int pages = 0;           // HTML pages answered (login, consent)
};

// Starts at `authorization_url`; stops at a Location that starts with `redirect_base`.
ScriptedLogin run_scripted_login(Session& session, const std::string& authorization_url,
                                 const std::string& redirect_base, const LoginRecipe& recipe);

}  // namespace ock::client
