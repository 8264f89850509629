// Small, protocol-free URL helpers the cases and the engine share: the scheme test, the origin,
// host:port with the scheme's default port, and appending a query. std only.
#pragma once

#include <string>
#include <string_view>

namespace ock::conformance::engine {

bool is_https(std::string_view url);
// "https://host:port" of a URL (the URL itself when it has no "://").
std::string origin_of(std::string_view url);
// "host:port", the port defaulted from the scheme (443 for https, else 80).
std::string host_port(std::string_view url);
// Appends "?query" or "&query" to a URL.
std::string append_query(std::string_view url, std::string_view query);

}  // namespace ock::conformance::engine
