#include "client/token_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

namespace ock::client {

namespace {

using nlohmann::json;

std::string str(const json& value, const char* name) {
  auto it = value.find(name);
  return it != value.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t num(const json& value, const char* name) {
  auto it = value.find(name);
  return it != value.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

bool set(const char* value) { return value != nullptr && value[0] != '\0'; }

// now + seconds, saturated at the largest time: a server may send any number, and converting
// one past 2^63 (expires_in 1e300) to an integer is undefined (found by client/fuzz).
std::int64_t expiry_after(std::int64_t now, double seconds) {
  constexpr std::int64_t kLatest = std::numeric_limits<std::int64_t>::max();
  if (!(seconds < 9.2e18)) return kLatest;
  const auto whole = static_cast<std::int64_t>(seconds);
  return now > 0 && whole > kLatest - now ? kLatest : now + whole;
}

// mkdir -p with mode 0700 for the folders we create.
std::string make_parents(const std::string& path) {
  for (std::size_t pos = path.find('/', 1); pos != std::string::npos;
       pos = path.find('/', pos + 1)) {
    const std::string dir = path.substr(0, pos);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
      return "cannot create the cache folder " + dir + ": " + std::strerror(errno);
    }
  }
  return {};
}

}  // namespace

json CachedToken::to_json() const {
  return json{{"server", server},
              {"client_id", client_id},
              {"username", username},
              {"scope", scope},
              {"token_type", token_type},
              {"access_token", access_token},
              {"refresh_token", refresh_token},
              {"obtained_at", obtained_at},
              {"expires_at", expires_at}};
}

std::optional<CachedToken> CachedToken::from_json(const json& value) {
  if (!value.is_object()) return std::nullopt;
  CachedToken t;
  t.server = str(value, "server");
  t.client_id = str(value, "client_id");
  t.username = str(value, "username");
  t.scope = str(value, "scope");
  t.token_type = str(value, "token_type");
  t.access_token = str(value, "access_token");
  t.refresh_token = str(value, "refresh_token");
  t.obtained_at = num(value, "obtained_at");
  t.expires_at = num(value, "expires_at");
  if (t.server.empty() || (t.access_token.empty() && t.refresh_token.empty())) return std::nullopt;
  return t;
}

bool is_expired(const CachedToken& token, std::int64_t now, std::int64_t leeway) {
  return token.expires_at != 0 && now + leeway >= token.expires_at;
}

CachedToken token_from_response(const json& response, const std::string& server,
                                const std::string& client_id, const std::string& username,
                                const std::string& requested_scope, std::int64_t now,
                                const std::string& previous_refresh) {
  CachedToken t;
  t.server = server;
  t.client_id = client_id;
  t.username = username;
  t.scope = str(response, "scope");
  if (t.scope.empty()) t.scope = requested_scope;
  t.token_type = str(response, "token_type");
  t.access_token = str(response, "access_token");
  t.refresh_token = str(response, "refresh_token");
  if (t.refresh_token.empty()) t.refresh_token = previous_refresh;
  t.obtained_at = now;
  auto it = response.find("expires_in");
  if (it != response.end() && it->is_number() && it->get<double>() > 0) {
    t.expires_at = expiry_after(now, it->get<double>());
  }
  return t;
}

std::string cache_path(const char* override_path, const char* xdg_cache_home, const char* home) {
  if (set(override_path)) return override_path;
  if (set(xdg_cache_home)) return std::string(xdg_cache_home) + "/oauth-client/token.json";
  if (set(home)) return std::string(home) + "/.cache/oauth-client/token.json";
  return {};
}

std::string default_cache_path() {
  return cache_path(std::getenv("OAUTH_CLIENT_CACHE"), std::getenv("XDG_CACHE_HOME"),
                    std::getenv("HOME"));
}

std::optional<CachedToken> parse_cache(std::string_view text) {
  return CachedToken::from_json(json::parse(text, nullptr, /*allow_exceptions=*/false));
}

CacheLoad load_cache(const std::string& path) {
  CacheLoad out;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT)
      out.error = "cannot read the token cache " + path + ": " + std::strerror(errno);
    return out;
  }
  if ((st.st_mode & 077) != 0) ::chmod(path.c_str(), 0600);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  out.token = parse_cache(text.str());
  if (!out.token)
    out.error = "the token cache " + path + " is damaged; delete it and run " +
                "`oauth-client token` again";
  return out;
}

std::string save_cache(const std::string& path, const CachedToken& token) {
  if (path.empty())
    return "no cache folder is known: set HOME, XDG_CACHE_HOME or OAUTH_CLIENT_CACHE";
  if (auto error = make_parents(path); !error.empty()) return error;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return "cannot write the token cache " + path + ": " + std::strerror(errno);
  ::fchmod(fd, 0600);  // the file may have existed with a wider mode
  const std::string text = token.to_json().dump(2) + "\n";
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string error = std::strerror(errno);
      ::close(fd);
      return "cannot write the token cache " + path + ": " + error;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return "cannot write the token cache " + path + ": " + std::strerror(errno);
  return {};
}

std::string remove_cache(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return "cannot delete the token cache " + path + ": " + std::strerror(errno);
  }
  return {};
}

}  // namespace ock::client
