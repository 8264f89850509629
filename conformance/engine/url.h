// Small, protocol-free URL helpers the cases and the engine share: the scheme test, the origin,
// host:port with the scheme's default port, queries, resolving a reference. std only.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ock::conformance::engine {

bool is_https(std::string_view url);
// "https://host:port" of a URL (the URL itself when it has no "://").
std::string origin_of(std::string_view url);
// "host:port", the port defaulted from the scheme (443 for https, else 80).
std::string host_port(std::string_view url);
// Appends "?query" or "&query" to a URL.
std::string append_query(std::string_view url, std::string_view query);
// A reference (a Location header, a form action) resolved against the URL of the page it came
// from (RFC 3986 §5, the common cases: absolute, "//host", "/path", "?query", "", relative).
std::string resolve_reference(std::string_view base, std::string_view ref);
// The URL without its query and fragment.
std::string without_query(std::string_view url);
// The parameters of the URL's query and fragment, form-decoded, in order (a parameter that does
// not decode is kept as written).
std::vector<std::pair<std::string, std::string>> url_params(std::string_view url);

}  // namespace ock::conformance::engine
