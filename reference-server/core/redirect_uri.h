// Redirection URIs (RFC 6749 §3.1.2): which URIs a client may register, and which registered
// URI an authorization request's redirect_uri selects. Matching is exact string comparison
// (RFC 9700 §4.1.3) with one exception: a registered loopback URI http://127.0.0.1[:port]/...
// or http://[::1][:port]/... matches any port (RFC 8252 §7.3). std only; no HTTP, no store.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ock::server {

// Why `uri` cannot be registered (one phrase: "has a fragment"), or nullopt when it can: an
// absolute URI of printable ASCII without a fragment (RFC 6749 §3.1.2); https with a host, http
// only to the loopback interface (127.0.0.1, [::1], localhost; RFC 8252 §7.3), or a private-use
// scheme (RFC 8252 §7.1); never javascript:, data:, vbscript: or file:.
std::optional<std::string> redirect_uri_problem(std::string_view uri);

// True when `requested` is `registered`, byte for byte; or, when `registered` is a loopback
// URI (above), when `requested` is the same URI with any port (1-65535) or none, and
// everything after the port identical.
bool redirect_uri_matches(std::string_view registered, std::string_view requested);

// Where the answer to an authorization request goes: `requested` when it matches one of
// `registered`; the only registered URI when none was requested; nullopt when `requested`
// matches none, or when none was requested and the client has not exactly one.
std::optional<std::string> resolve_redirect_uri(const std::vector<std::string>& registered,
                                                const std::optional<std::string>& requested);

// `uri` with `query` ("a=1&b=2", already encoded) added to its query component: after '?',
// or after '&' when it already has a query (RFC 6749 §4.1.2, §3.1.2: the registered query is
// kept).
std::string append_query(std::string_view uri, std::string_view query);

}  // namespace ock::server
