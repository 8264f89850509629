#include "conformance/engine/profile.h"

namespace ock::conformance::engine {

const ClientCreds* Profile::client(std::string_view role) const {
  auto it = clients.find(std::string(role));
  return it == clients.end() ? nullptr : &it->second;
}

const UserCreds* Profile::user(std::string_view role) const {
  auto it = users.find(std::string(role));
  return it == users.end() ? nullptr : &it->second;
}

const ClientCreds* Profile::post_client() const {
  if (const auto* c = client("post"); c && c->secret) return c;
  for (const auto& [role, c] : clients) {
    if (c.auth_method == AuthMethod::kPost && c.secret) return &c;
  }
  return nullptr;
}

const Resource* Profile::rs() const {
  for (const auto& r : resources) {
    if (!r.requires_scope) return &r;
  }
  return resources.empty() ? nullptr : &resources.front();
}

const Resource* Profile::rs_scoped() const {
  for (const auto& r : resources) {
    if (r.requires_scope) return &r;
  }
  return nullptr;
}

std::string well_known_url_for(std::string_view issuer) {
  auto scheme_end = issuer.find("://");
  if (scheme_end == std::string_view::npos) return std::string(issuer);
  auto path_start = issuer.find('/', scheme_end + 3);
  std::string_view origin = issuer.substr(0, path_start);
  std::string_view path =
      path_start == std::string_view::npos ? std::string_view{} : issuer.substr(path_start);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::string out(origin);
  out += "/.well-known/oauth-authorization-server";
  out += path;
  return out;
}

std::string Profile::well_known_url() const {
  if (!metadata_url.empty()) return metadata_url;
  if (!issuer.empty()) return well_known_url_for(issuer);
  return "";
}

std::optional<std::string> Profile::missing(Need need) const {
  auto lacks = [&](const char* item) -> std::optional<std::string> {
    return std::string("needs [") + to_string(need) + "]: " + item + " is not in the profile";
  };
  switch (need) {
    case Need::kRs:
      if (!rs()) return lacks("resources");
      break;
    case Need::kRsScope:
      if (!rs_scoped()) return lacks("a resource with requires_scope");
      break;
    case Need::kDenyScope:
      if (!scope_denied) return lacks("scopes.denied");
      break;
    case Need::kC2:
      if (!client("second")) return lacks("clients.second");
      break;
    case Need::kNopw:
      if (!client("no_password_grant")) return lacks("clients.no_password_grant");
      break;
    case Need::kSpc:
      if (!client("special_chars")) return lacks("clients.special_chars");
      break;
    case Need::kPost:
      if (!post_client()) return lacks("a client_secret_post client (clients.post)");
      break;
    case Need::kUtf8:
      if (!user("utf8")) return lacks("users.utf8");
      break;
    case Need::kShort:
      break;  // clients.short_lived, or a short-lived primary: the case decides
    case Need::kGrace:
      break;  // timing.refresh_grace_s defaults to 0
    case Need::kPub:
      if (!client("public")) return lacks("clients.public");
      break;
    case Need::kIntro:
      if (introspection_url.empty()) return lacks("endpoints.introspection");
      break;
    case Need::kRevoke:
      if (revocation_url.empty()) return lacks("endpoints.revocation");
      break;
    case Need::kVictim:
      if (!user("victim")) return lacks("users.victim");
      if (!allow_destructive) return lacks("allow_destructive: true");
      break;
    case Need::kThrowaway:
      if (!client("throwaway")) return lacks("clients.throwaway");
      if (!allow_destructive) return lacks("allow_destructive: true");
      break;
    case Need::kLogs:
      if (logs_command.empty()) return lacks("logs_command");
      break;
    case Need::kTestssl:
      if (testssl_path.empty()) {
        return std::string("needs [TESTSSL]: testssl.sh is not on PATH");
      }
      break;
    case Need::kIssuer:
      if (issuer.empty() && metadata_url.empty()) return lacks("issuer (or endpoints.metadata)");
      break;
    case Need::kUser2:
      if (!user("victim") && !user("utf8") && !user("second")) {
        return lacks("a second user (users.second, users.victim or users.utf8)");
      }
      break;
  }
  return std::nullopt;
}

}  // namespace ock::conformance::engine
