#include "conformance/engine/profile.h"

#include <algorithm>

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

std::string Profile::code_client_role() const { return client("code") ? "code" : "primary"; }

bool Profile::offers(std::string_view grant) const {
  return grants.empty() || std::find(grants.begin(), grants.end(), grant) != grants.end();
}

std::string Profile::grants_text() const {
  std::string out;
  for (const auto& g : grants) out += (out.empty() ? "" : ", ") + g;
  return "grants from " + grants_source + ": " + (out.empty() ? "none" : out);
}

const char* Profile::lacking_party(Need need) const {
  switch (need) {
    case Need::kC2:
      return client("second") ? nullptr : "clients.second";
    case Need::kNopw:
      return client("no_password_grant") ? nullptr : "clients.no_password_grant";
    case Need::kSpc:
      return client("special_chars") ? nullptr : "clients.special_chars";
    case Need::kPost:
      return post_client() ? nullptr : "a client_secret_post client (clients.post)";
    case Need::kUtf8:
      return user("utf8") ? nullptr : "users.utf8";
    case Need::kPub:
      return client("public") ? nullptr : "clients.public";
    case Need::kVictim:
      if (!user("victim")) return "users.victim";
      return allow_destructive ? nullptr : "allow_destructive: true";
    case Need::kThrowaway:
      if (!client("throwaway")) return "clients.throwaway";
      return allow_destructive ? nullptr : "allow_destructive: true";
    case Need::kUser2:
      return user("victim") || user("utf8") || user("second")
                 ? nullptr
                 : "a second user (users.second, users.victim or users.utf8)";
    default:
      return lacking_other(need);
  }
}

const char* Profile::lacking_other(Need need) const {
  switch (need) {
    case Need::kRs:
      return rs() ? nullptr : "resources";
    case Need::kRsScope:
      return rs_scoped() ? nullptr : "a resource with requires_scope";
    case Need::kDenyScope:
      return scope_denied ? nullptr : "scopes.denied";
    case Need::kIntro:
      return introspection_url.empty() ? "endpoints.introspection" : nullptr;
    case Need::kRevoke:
      return revocation_url.empty() ? "endpoints.revocation" : nullptr;
    case Need::kLogs:
      return logs_command.empty() ? "logs_command" : nullptr;
    case Need::kIssuer:
      return issuer.empty() && metadata_url.empty() ? "issuer (or endpoints.metadata)" : nullptr;
    case Need::kCodeGrant:
      if (authorization_url.empty()) return "endpoints.authorization";
      if (!login.configured) return "login (a login recipe)";
      if (!user("primary")) return "users.primary";
      return client(code_client_role())->redirect_uri.empty()
                 ? "the redirect_uri of clients.code (or clients.primary)"
                 : nullptr;
    case Need::kPasswordGrant:
      return user("primary") ? nullptr : "users.primary";
    default:
      return nullptr;  // kShort, kGrace: the case decides; kTestssl and grants below
  }
}

std::optional<std::string> Profile::missing(Need need) const {
  const std::string tag = std::string("needs [") + to_string(need) + "]: ";
  if (need == Need::kTestssl && testssl_path.empty()) return tag + "testssl.sh is not on PATH";
  if (need == Need::kPasswordGrant && !offers("password")) {
    return tag + "the target does not offer the password grant (" + grants_text() + ")";
  }
  if (need == Need::kCodeGrant && !offers("authorization_code")) {
    return tag + "the target does not offer the authorization code grant (" + grants_text() + ")";
  }
  if (need == Need::kCcGrant && !offers("client_credentials")) {
    return tag + "the target does not offer the client_credentials grant (" + grants_text() + ")";
  }
  if (need == Need::kNoPasswordGrant) {
    if (grants.empty())
      return tag + "the grants the target offers are unknown (no grants, no metadata)";
    if (offers("password"))
      return tag + "the target offers the password grant (" + grants_text() + ")";
    return std::nullopt;
  }
  if (const char* item = lacking_party(need)) return tag + item + " is not in the profile";
  return std::nullopt;
}

}  // namespace ock::conformance::engine
