#include "reference-server/core/scope.h"

#include <algorithm>

namespace ock::server {

Result<ScopeSet, OAuthError> parse_scope(std::string_view text) {
  ScopeSet out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') { ++i; continue; }
    auto end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view token = text.substr(i, end - i);
    for (char c : token) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x21 || u > 0x7E || c == '"' || c == '\\') {
        return unexpected(oauth_error(ErrorCode::kInvalidScope, "the scope contains an illegal character"));
      }
    }
    out.emplace(token);
    i = end;
  }
  return out;
}

std::string join_scope(const ScopeSet& scopes) {
  std::string out;
  for (const auto& s : scopes) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

bool scope_subset(const ScopeSet& inner, const ScopeSet& outer) {
  return std::includes(outer.begin(), outer.end(), inner.begin(), inner.end());
}

Result<ScopeSet, OAuthError> grant_scope(const ScopeSet& requested, const ScopeSet& known,
                                         const std::vector<std::string>& client_allowed) {
  ScopeSet allowed(client_allowed.begin(), client_allowed.end());
  if (requested.empty()) {
    ScopeSet def;
    for (const auto& s : allowed) {
      if (known.count(s)) def.insert(s);
    }
    if (def.empty()) {
      return unexpected(oauth_error(ErrorCode::kInvalidScope, "no scope was requested and the client has no default scope"));
    }
    return def;
  }
  for (const auto& s : requested) {
    if (!known.count(s)) {
      return unexpected(oauth_error(ErrorCode::kInvalidScope, "unknown scope: " + s));
    }
    if (!allowed.count(s)) {
      return unexpected(oauth_error(ErrorCode::kInvalidScope, "the client may not obtain the scope " + s));
    }
  }
  return requested;
}

}  // namespace ock::server
