// The token cache: the last token response, kept in one JSON file readable by its owner only
// (mode 0600), so that `call`, `refresh`, `revoke` and `introspect` work without asking for a
// new token each time. POSIX file calls and nlohmann_json; no network, no OAuth logic.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ock::client {

// Tokens are treated as expired this many seconds before the server's expiry, so that a token
// does not die on its way to the server.
inline constexpr std::int64_t kExpiryLeeway = 1;

struct CachedToken {
  std::string server;  // the base URL the token came from
  std::string client_id;
  std::string username;
  std::string scope;  // as granted (the response's scope, else as requested)
  std::string token_type;
  std::string access_token;
  std::string refresh_token;     // "" when the server issued none
  std::int64_t obtained_at = 0;  // Unix seconds
  std::int64_t expires_at = 0;   // Unix seconds; 0 when the server sent no expires_in

  nlohmann::json to_json() const;
  static std::optional<CachedToken> from_json(const nlohmann::json& value);
};

// True when the token has an expiry and `now` is within `leeway` seconds of it, or past it.
bool is_expired(const CachedToken& token, std::int64_t now, std::int64_t leeway = kExpiryLeeway);

// Builds the cache entry from a successful token response (RFC 6749 §5.1). A response without a
// refresh_token keeps `previous_refresh` (RFC 6749 §6: the old one stays valid then).
CachedToken token_from_response(const nlohmann::json& response, const std::string& server,
                                const std::string& client_id, const std::string& username,
                                const std::string& requested_scope, std::int64_t now,
                                const std::string& previous_refresh = "");

// Where the cache lives: $OAUTH_CLIENT_CACHE, else $XDG_CACHE_HOME/oauth-client/token.json,
// else $HOME/.cache/oauth-client/token.json. Null or empty arguments count as unset; "" when
// none is set.
std::string cache_path(const char* override_path, const char* xdg_cache_home, const char* home);
std::string default_cache_path();  // cache_path() with the process environment

struct CacheLoad {
  std::optional<CachedToken> token;  // nullopt: no file, or see error
  std::string error;                 // "" unless the file exists but cannot be used
};

// The cache file's text as a token: nullopt when it is not JSON, or not an object naming a
// server and an access or refresh token. What load_cache does with the bytes it reads.
std::optional<CachedToken> parse_cache(std::string_view text);

// Reads the cache; a missing file is no error. Tightens the file's mode to 0600 if it is wider.
CacheLoad load_cache(const std::string& path);

// Writes the cache (parent folders created 0700, the file opened with mode 0600 and chmod-ed
// to 0600 if it already existed). Returns "" or one sentence saying what failed.
std::string save_cache(const std::string& path, const CachedToken& token);

// Deletes the cache file; a missing file is fine. Returns "" or the error.
std::string remove_cache(const std::string& path);

}  // namespace ock::client
