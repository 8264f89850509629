#include "reference-server/core/redirect_uri.h"

#include <algorithm>
#include <array>

#include "reference-server/core/ascii.h"

namespace ock::server {
namespace {

// The prefixes of the loopback URIs whose port may vary, as registered (RFC 8252 §7.3).
constexpr std::array<std::string_view, 2> kLoopbackPrefixes = {"http://127.0.0.1", "http://[::1]"};

// A loopback URI split at its port: the prefix it starts with and what follows the port.
struct LoopbackUri {
  std::string_view prefix;
  std::string_view tail;  // "" or starting with '/' or '?'
};

bool is_port(std::string_view digits) {
  if (digits.empty() || digits.size() > 5 || digits.front() == '0') return false;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  return std::stoul(std::string(digits)) <= 65535;
}

std::optional<LoopbackUri> split_loopback(std::string_view uri) {
  for (std::string_view prefix : kLoopbackPrefixes) {
    if (!uri.starts_with(prefix)) continue;
    std::string_view rest = uri.substr(prefix.size());
    if (!rest.empty() && rest.front() == ':') {
      auto end = rest.find_first_of("/?");
      if (end == std::string_view::npos) end = rest.size();
      if (!is_port(rest.substr(1, end - 1))) return std::nullopt;
      rest = rest.substr(end);
    }
    if (!rest.empty() && rest.front() != '/' && rest.front() != '?') return std::nullopt;
    return LoopbackUri{prefix, rest};
  }
  return std::nullopt;
}

// The scheme of an absolute URI (RFC 3986 §3.1), lower-cased; nullopt when there is none.
std::optional<std::string> scheme_of(std::string_view uri) {
  auto colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view scheme = uri.substr(0, colon);
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(scheme.front())) return std::nullopt;
  for (char c : scheme) {
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
      return std::nullopt;
    }
  }
  return ascii_lower(scheme);
}

// True when the authority of an http(s) URI (after "scheme://") is a loopback host, with or
// without a port.
bool is_loopback_authority(std::string_view after_slashes) {
  std::string_view host = after_slashes.substr(0, after_slashes.find_first_of("/?"));
  for (std::string_view loopback : {"127.0.0.1", "[::1]", "localhost"}) {
    if (host == loopback || (host.starts_with(loopback) && host[loopback.size()] == ':' &&
                             is_port(host.substr(loopback.size() + 1)))) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> redirect_uri_problem(std::string_view uri) {
  if (uri.empty()) return "is empty";
  if (uri.size() > 2000) return "is longer than 2000 characters";
  for (char c : uri) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return "contains a space, a control character or a non-ASCII byte";
  }
  if (uri.find('#') != std::string_view::npos) return "has a fragment (RFC 6749 §3.1.2)";
  auto scheme = scheme_of(uri);
  if (!scheme) return "is not an absolute URI";
  if (*scheme == "javascript" || *scheme == "data" || *scheme == "vbscript" || *scheme == "file") {
    return "uses a scheme that cannot be a redirection endpoint";
  }
  const std::string_view rest = uri.substr(scheme->size() + 1);
  if (*scheme == "https" || *scheme == "http") {
    if (!rest.starts_with("//") || rest.size() == 2 || rest[2] == '/' || rest[2] == '?') {
      return "has no host";
    }
    if (rest.substr(2).find('@') < rest.substr(2).find_first_of("/?"))
      return "has user information";
  }
  if (*scheme == "http" && !is_loopback_authority(rest.substr(2))) {
    return "uses http to a host other than the loopback interface (use https)";
  }
  return std::nullopt;
}

bool redirect_uri_matches(std::string_view registered, std::string_view requested) {
  if (registered == requested) return true;
  auto reg = split_loopback(registered);
  if (!reg) return false;
  auto req = split_loopback(requested);
  return req && req->prefix == reg->prefix && req->tail == reg->tail;
}

std::optional<std::string> resolve_redirect_uri(const std::vector<std::string>& registered,
                                                const std::optional<std::string>& requested) {
  if (!requested) {
    if (registered.size() == 1) return registered.front();
    return std::nullopt;
  }
  for (const auto& uri : registered) {
    if (redirect_uri_matches(uri, *requested)) return *requested;
  }
  return std::nullopt;
}

std::string append_query(std::string_view uri, std::string_view query) {
  std::string out(uri);
  if (out.find('?') == std::string::npos) {
    out += '?';
  } else if (out.back() != '?' && out.back() != '&') {
    out += '&';
  }
  out += query;
  return out;
}

}  // namespace ock::server
