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
  // The metadata URL: metadata_url, or the RFC 8414 §3.1 well-known URL of the issuer.
  std::string well_known_url() const;
  // nullopt when the need is configured, else the reason the case is skipped
  // ("needs [SPC]: clients.special_chars is not in the profile").
  std::optional<std::string> missing(Need need) const;
};

// RFC 8414 §3.1: "/.well-known/oauth-authorization-server" inserted between the host and the
// path of the issuer, the path's terminating "/" removed.
std::string well_known_url_for(std::string_view issuer);

}  // namespace ock::conformance::engine
