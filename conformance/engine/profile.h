// What the runner knows about a target, as plain data: endpoints (absolute URLs), clients, users,
// scopes, resources, timing. runner/target_profile loads it from the JSON profile of
// docs/profile.md; cases read it through Probe. Also answers "is this Need configured?".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/model/case.h"

namespace ock::conformance::engine {

enum class AuthMethod { kBasic, kPost, kNone };

struct ClientCreds {
  std::string role{};  // "primary", "second", ... (the key in the profile)
  std::string id{};
  std::optional<std::string> secret{};  // none for public clients
  AuthMethod auth_method = AuthMethod::kBasic;
  std::string redirect_uri{};  // registered for the authorization code grant; "" = none
};

// How the runner logs a user in at the authorization endpoint (RFC 6749 §4.1.1): by filling
// the target's HTML forms (login, then consent when one is shown), or by an external program
// given the authorization URL that prints the final redirect URL (for logins only a browser
// can do). The runner never listens for the redirect: it stops at the Location header.
struct LoginRecipe {
  std::string username_field = "username";
  std::string password_field = "password";
  std::string consent_field;  // the name of the consent button or input ("" = none expected)
  std::string consent_value;  // its value ("" = whatever the form gives it)
  std::string deny_value;     // the value that refuses consent ("" = leave the field out)
  std::string command;        // "" = fill the forms; else run it with {url}
  bool configured = false;
};

struct UserCreds {
  std::string role{};
  std::string username{};
  std::string password{};
};

struct Resource {
  std::string name{};
  std::string method = "GET";
  std::string url{};  // absolute
  std::optional<std::string> requires_scope{};
  std::optional<std::string> json_template{};  // request body; "{nonce}" replaced per request
};

struct Timing {
  int max_wait_s = 300;
  int leeway_s = 5;
  int propagation_window_s = 10;
  int refresh_grace_s = 0;
  int bruteforce_attempts = 30;
  int bruteforce_window_s = 60;
  int code_lifetime_s = 0;  // the declared authorization code lifetime; 0 = unknown
};

struct TlsSettings {
  std::string ca_file;  // "" = system trust store
  bool insecure = false;
};

struct Profile {
  std::string name;
  std::string base_url;
  std::string issuer;  // "" when not configured
  std::string token_url;
  std::string revocation_url;                  // "" = not offered
  std::string introspection_url;               // "" = not offered
  std::string metadata_url;                    // "" = derived from the issuer (RFC 8414 §3.1)
  std::string authorization_url;               // "" = not offered (RFC 6749 §3.1)
  // The grants the target offers: the profile's "grants", else the metadata's
  // grant_types_supported (read before the run); empty = unknown, every grant assumed.
  std::vector<std::string> grants;
  std::string grants_source;  // "the profile", "the metadata" or "" (unknown)
  LoginRecipe login;
  std::map<std::string, ClientCreds> clients;  // by role
  std::map<std::string, UserCreds> users;      // by role
  std::string scope_request;                   // "" = send no scope
  std::vector<std::string> scopes_supported;
  std::optional<std::string> scope_denied;
  std::vector<Resource> resources;
  Timing timing;
  TlsSettings tls;
  bool allow_destructive = false;
  std::string logs_command;  // "" = none
  std::string testssl_path;  // "" = testssl.sh not found
  std::string token_type = "Bearer";

  const ClientCreds* client(std::string_view role) const;
  const UserCreds* user(std::string_view role) const;
  // The [POST] client: clients.post, or the primary when its auth_method is client_secret_post.
  const ClientCreds* post_client() const;
  // The [RS] resource: the first entry without requires_scope, else the first entry.
  const Resource* rs() const;
  // The [RS-SCOPE] resource: the first entry with requires_scope.
  const Resource* rs_scoped() const;
  // The client the authorization code flow uses: clients.code, else clients.primary (a server
  // that allows one grant per client needs a separate one).
  std::string code_client_role() const;
  // Whether the target offers the grant ("password", "authorization_code", ...): true when
  // the grants are unknown.
  bool offers(std::string_view grant) const;
  // The metadata URL: metadata_url, or the RFC 8414 §3.1 well-known URL of the issuer.
  std::string well_known_url() const;
  // nullopt when the need is configured, else the reason the case is skipped
  // ("needs [SPC]: clients.special_chars is not in the profile").
  std::optional<std::string> missing(Need need) const;

 private:
  // The profile item a need lacks, or nullptr: clients and users / everything else.
  const char* lacking_party(Need need) const;
  const char* lacking_other(Need need) const;
  std::string grants_text() const;
};

// RFC 8414 §3.1: "/.well-known/oauth-authorization-server" inserted between the host and the
// path of the issuer, the path's terminating "/" removed.
std::string well_known_url_for(std::string_view issuer);

}  // namespace ock::conformance::engine
