// Scope values and the checks on them (RFC 6749 §3.3 scope syntax, §5.1 the granted scope,
// RFC 7662 §2.2 the introspected scope): the shape of a scope string, set operations on
// scope-tokens, and expect_* comparing a granted scope with what was asked. No I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/checks/check.h"
#include "conformance/engine/http.h"

namespace ock::conformance::checks {

using engine::HttpExchange;

// ---- scope values: pure, record nothing
enum class ScopeShape { kValid, kBadSpacing, kIllegal };
ScopeShape classify_scope(std::string_view scope);
// Scope tokens split on spaces, empty pieces dropped.
std::vector<std::string> split_scope(std::string_view scope);
bool same_scope_set(std::string_view a, std::string_view b);
// The scope a token reply grants: its "scope" member, or `requested` when the member is absent
// (§5.1: OPTIONAL when identical to the scope requested). nullopt when no token was issued or
// the member is not a string.
std::optional<std::string> granted_scope(const HttpExchange& x, std::string_view requested);
// `value` is one of the space-separated scope-tokens of `scope` (case-sensitive).
bool scope_contains(std::string_view scope, std::string_view value);
// Every scope-token of `inner` is in `outer`.
bool scope_subset(std::string_view inner, std::string_view outer);
// "a b" + "c" -> "a b c" (nothing added when already present).
std::string scope_with(std::string_view scope, std::string_view value);
// "a b c" - "b" -> "a c".
std::string scope_without(std::string_view scope, std::string_view value);

// ---- checks
// scope, if present, is a string of scope-tokens separated by single spaces. id "scope_syntax"
bool expect_scope_syntax(const HttpExchange& x, const Tag& tag = {});
// Every scope-token of `granted` is in `allowed`.              default id "scope_within"
bool expect_scope_within(std::string_view granted, std::string_view allowed, const Tag& tag = {});
// Every scope-token of `required` is in `granted`.            default id "scope_covers"
bool expect_scope_covers(std::string_view granted, std::string_view required, const Tag& tag = {});
// Same set of scope-tokens.                                   default id "scope_equal"
bool expect_scope_equal(std::string_view granted, std::string_view want, const Tag& tag = {});
// `value` is not one of the scope-tokens of `scope`.          default id "scope_lacks"
bool expect_scope_lacks(std::string_view scope, std::string_view value, const Tag& tag = {});
// `value` was not granted: no token issued, or a token reply whose "scope" member is present
// and lacks it (an absent member would assert the request was granted as sent).
//                                                              default id "value_not_granted"
bool expect_scope_value_not_granted(const HttpExchange& x, std::string_view value,
                                    const Tag& tag = {});
// The outcome class RFC 6749 §3.3 allows for a request without a scope: "token issued",
// "invalid_scope", or "other (<status ...>)". Records nothing.
std::string scope_outcome(const HttpExchange& x);
// A token (the default scope) or 400 invalid_scope.            default id "outcome"
bool expect_default_scope_outcome(const HttpExchange& x, const Tag& tag = {});
// The same outcome class as `ref` (an empty parameter is an omitted one, §3.2).
//                                                              default id "same_outcome"
bool expect_same_scope_outcome(const HttpExchange& x, const HttpExchange& ref, const Tag& tag = {});
// The scope member, when present, is a string of legal scope-token characters and spaces.
//                                                              default id "scope_syntax"
bool expect_scope_characters(const HttpExchange& x, const Tag& tag = {});
// The scope member, when a string of legal characters, separates its tokens by single spaces.
// Records nothing otherwise.                                  default id "scope_spacing"
bool expect_scope_spacing(const HttpExchange& x, const Tag& tag = {});

}  // namespace ock::conformance::checks
