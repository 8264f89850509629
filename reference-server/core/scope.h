// Scope values (RFC 6749 §3.3): parsing the space-delimited list, the client's default, and the
// rules for what a grant may carry. Case-sensitive, order-insensitive. std only.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "reference-server/core/oauth_error.h"
#include "reference-server/core/result.h"

namespace ock::server {

using ScopeSet = std::set<std::string>;

// Splits on spaces; an error for any character outside scope-token (%x21 / %x23-5B / %x5D-7E).
Result<ScopeSet, OAuthError> parse_scope(std::string_view text);

// "read write": sorted, single spaces.
std::string join_scope(const ScopeSet& scopes);

// The scope to grant for `requested` (empty = none requested: the client's allowed scopes),
// given the scopes the server knows and those the client may obtain. invalid_scope for an
// unknown value or one the client may not have.
Result<ScopeSet, OAuthError> grant_scope(const ScopeSet& requested, const ScopeSet& known,
                                         const std::vector<std::string>& client_allowed);

// True when every element of `inner` is in `outer`.
bool scope_subset(const ScopeSet& inner, const ScopeSet& outer);

}  // namespace ock::server
