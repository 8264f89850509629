#include "conformance/runner/source_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <string_view>

namespace ock::conformance::runner {
namespace {

// The host of an absolute URL as written ("127.0.0.1", "[::1]", "example.org"), or nullopt.
std::optional<std::string> host_of(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  auto rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (rest.starts_with("[")) return std::string(rest.substr(0, rest.find(']') + 1));
  return std::string(rest.substr(0, rest.find(':')));
}

// Whether the text is a dotted-quad IPv4 address in 127.0.0.0/8.
bool ipv4_loopback(const std::string& host) {
  in_addr a{};
  if (inet_pton(AF_INET, host.c_str(), &a) != 1) return false;
  return (ntohl(a.s_addr) >> 24) == 127;
}

}  // namespace

bool bindable(const std::string& address) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  if (inet_pton(AF_INET, address.c_str(), &sa.sin_addr) != 1) return false;
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return false;
  bool ok = ::bind(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) == 0;
  ::close(fd);
  return ok;
}

std::vector<std::string> target_urls(const engine::Profile& profile) {
  std::vector<std::string> out = {profile.base_url,          profile.token_url,
                                  profile.revocation_url,    profile.introspection_url,
                                  profile.authorization_url, profile.well_known_url()};
  for (const auto& r : profile.resources) out.push_back(r.url);
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

std::vector<std::string> spare_loopback_sources(
    const std::vector<std::string>& urls, std::size_t n,
    const std::function<bool(const std::string&)>& can_bind) {
  if (urls.empty()) return {};
  std::vector<std::string> hosts;
  for (const auto& url : urls) {
    auto host = host_of(url);
    if (!host || !ipv4_loopback(*host)) return {};
    hosts.push_back(*host);
  }
  std::vector<std::string> out;
  for (int last = 2; last < 255 && out.size() < n; ++last) {
    std::string address = "127.0.0." + std::to_string(last);
    if (std::find(hosts.begin(), hosts.end(), address) != hosts.end()) continue;
    if (can_bind(address)) out.push_back(address);
  }
  return out;
}

Result<engine::HttpExchange, engine::TransportError> SourceAddressTransport::send(
    const engine::HttpRequest& request) {
  engine::HttpRequest from = request;
  from.source_address = address_;
  return inner_.send(from);
}

}  // namespace ock::conformance::runner
