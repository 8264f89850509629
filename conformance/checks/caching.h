// Checks on the caching headers of replies that carry tokens or credentials (RFC 6749 §5.1,
// RFC 9111 §5.2 Cache-Control, §5.4 Pragma), and the directive parser they share. No I/O.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conformance/checks/check.h"
#include "conformance/engine/http.h"

namespace ock::conformance::checks {

using engine::HttpExchange;

// Cache-Control directives of every header value, names lower-cased, values unquoted.
std::vector<std::pair<std::string, std::optional<std::string>>> cache_control_directives(
    const std::vector<std::string>& header_values);

// Cache-Control directive list contains no-store.         default id "cache_control"
bool expect_cache_control_no_store(const HttpExchange& x, const Tag& tag = {});
// Cache-Control directive list contains private.          default id "cache_control_private"
bool expect_cache_control_private(const HttpExchange& x, const Tag& tag = {});
// Pragma: no-cache.                                       default id "pragma"
bool expect_pragma_no_cache(const HttpExchange& x, const Tag& tag = {});

}  // namespace ock::conformance::checks
