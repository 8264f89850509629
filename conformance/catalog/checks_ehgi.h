// Named checks and small helpers for the scope, refresh, bearer-usage and expiry sections (E, G,
// H, I of catalog.md), on top of checks.h. The checks and pure functions never do I/O; the few
// Probe helpers at the end (fresh grants with a refresh token, the short-lived grant) send
// requests through the Probe and are marked as such.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/catalog/checks.h"
#include "conformance/catalog/probe.h"

namespace ock::conformance::catalog {

// ---- scope values (RFC 6749 §3.3, §5.1): pure, record nothing
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
// The scope member of an RFC 7662 introspection reply, when it is a string.
std::optional<std::string> introspected_scope(const HttpExchange& x);
// access_token / refresh_token member of a reply, when a non-empty string.
std::optional<std::string> access_token_of(const HttpExchange& x);
std::optional<std::string> refresh_token_of(const HttpExchange& x);

// ---- scope checks
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

// ---- token endpoint
// 200 with a non-empty access_token (no abort, unlike require_token_issued). id "token_issued"
bool expect_token_issued(const HttpExchange& x, const Tag& tag = {});
// At most one of the replies issued a token (concurrent refreshes with the same refresh token,
// or the two lineages they started).                          default id "at_most_one_token"
bool expect_at_most_one_token(const std::vector<HttpExchange>& replies, const Tag& tag = {});
// expires_in is present and at most `max_s` seconds.          default id "lifetime"
bool expect_expires_in_at_most(const HttpExchange& x, std::int64_t max_s, const Tag& tag = {});

// ---- resource server (RFC 6750 §3)
// A 2xx reply.                                                default id "accepted"
bool expect_success(const HttpExchange& x, const Tag& tag = {});
// Not a 2xx reply: the request was not served.                default id "refused"
bool expect_refused(const HttpExchange& x, const Tag& tag = {});
// No Bearer challenge carries an error attribute (§3.1: SHOULD NOT when the request had no
// authentication information).                               default id "no_error_attribute"
bool expect_bearer_challenge_without_error(const HttpExchange& x, const Tag& tag = {});
// What is wrong with the challenges of a reply, nullopt when fine: every WWW-Authenticate
// value parses (RFC 9110 §11.6.1), every Bearer challenge obeys RFC 6750 §3 (realm and the
// other attributes at most once, attribute character sets), and a 401 carries a Bearer
// challenge (RFC 6750 §3, RFC 9110 §15.5.2).
std::optional<std::string> challenge_syntax_problem(const HttpExchange& x);
//                                                              default id "challenge_syntax"
bool expect_challenge_syntax(const HttpExchange& x, const Tag& tag = {});

// ---- introspection (RFC 7662 §2.2)
// 200, a JSON object whose "active" member is the boolean `active`.  id "introspection_active"
bool expect_introspection_active(const HttpExchange& x, bool active, const Tag& tag = {});

// ---- Probe helpers (these send requests)
// Ends the case with SKIP "no refresh token issued" when password.success.basic published a
// reply without a refresh_token.
void skip_unless_refresh_tokens(Probe& p);
// A fresh grant for this case that carries a refresh token; SKIP "no refresh token issued"
// when the target returns none.
Grant obtain_refresh_grant(Probe& p, std::optional<std::string> scope = std::nullopt,
                           std::string_view client_role = "primary");
// The client whose tokens are short-lived ([SHORT]): clients.short_lived, else "primary".
std::string short_client_role(const Profile& profile);
// A fresh grant from the [SHORT] client; SKIPs when its expires_in is unknown or longer than
// timing.max_wait_s.
Grant obtain_short_grant(Probe& p);

}  // namespace ock::conformance::catalog
