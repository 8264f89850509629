// Named checks over captured exchanges; they never do I/O (style.md W1.3). expect_* records an
// assertion (pass or fail) into the current Recorder and returns whether it held; require_*
// also ends the case (CaseAborted) when it does not. The pure predicates and parsers below them
// (challenges, Cache-Control, RFC 6749 App. A character classes) record nothing.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conformance/catalog/case.h"
#include "conformance/catalog/recorder.h"
#include "conformance/catalog/transport.h"

namespace ock::conformance::catalog {

// Names an assertion and, when it differs from the case's, its level:
//   expect_error_code(x, "invalid_request", {.id = "error_code#no_password", .level = Level::kShould});
// An empty id means the check's default id ("status", "error_code", ...).
struct Tag {
  std::string id{};
  std::optional<Level> level{};
};

// ---- generic
bool expect(bool ok, const Tag& tag, std::string expected, std::string actual);
void require(bool ok, const Tag& tag, std::string expected, std::string actual);

// ---- status and error codes (RFC 6749 §5.2)
bool expect_status(const HttpExchange& x, int status, const Tag& tag = {});
bool expect_status_in(const HttpExchange& x, std::vector<int> statuses, const Tag& tag = {});
void require_status(const HttpExchange& x, int status, const Tag& tag = {});
// Any 4xx.                                       default id "status"
bool expect_client_error(const HttpExchange& x, const Tag& tag = {});
// Not 5xx.                                       default id "no_server_error"
bool expect_no_server_error(const HttpExchange& x, const Tag& tag = {});
// The JSON "error" member equals `code`.         default id "error_code"
bool expect_error_code(const HttpExchange& x, std::string_view code, const Tag& tag = {});
bool expect_error_code_in(const HttpExchange& x, std::vector<std::string> codes,
                          const Tag& tag = {});
// No access token came back (not 2xx with access_token).   default id "no_token"
bool expect_no_token_issued(const HttpExchange& x, const Tag& tag = {});
// 200 with a non-empty access_token, else the case stops.  default id "token_issued"
void require_token_issued(const HttpExchange& x, const Tag& tag = {});

// ---- JSON and media type (RFC 6749 §5.1, RFC 8259)
// Content-Type is application/json (parameters allowed).   default id "media_type"
bool expect_json_content_type(const HttpExchange& x, const Tag& tag = {});
// The body is one JSON object.                            default id "json_object"
bool expect_json_object(const HttpExchange& x, const Tag& tag = {});
// No object in the body repeats a member name.            default id "no_duplicate_members"
bool expect_no_duplicate_members(const HttpExchange& x, const Tag& tag = {});

// ---- caching (RFC 6749 §5.1, RFC 9111)
// Cache-Control directive list contains no-store.         default id "cache_control"
bool expect_cache_control_no_store(const HttpExchange& x, const Tag& tag = {});
// Cache-Control directive list contains private.          default id "cache_control_private"
bool expect_cache_control_private(const HttpExchange& x, const Tag& tag = {});
// Pragma: no-cache.                                       default id "pragma"
bool expect_pragma_no_cache(const HttpExchange& x, const Tag& tag = {});

// ---- challenges (RFC 9110 §11, RFC 6750 §3, RFC 7617)
// A WWW-Authenticate challenge with this scheme (case-insensitive). default id "www_authenticate"
bool expect_www_authenticate(const HttpExchange& x, std::string_view scheme, const Tag& tag = {});
// A Bearer challenge; when `error` is given its error attribute equals it.
//                                                          default id "bearer_challenge"
bool expect_bearer_challenge(const HttpExchange& x, std::optional<std::string> error = std::nullopt,
                             const Tag& tag = {});

// ---- token response members (RFC 6749 §5.1, App. A)
// token_type equals `type` case-insensitively.             default id "token_type"
bool expect_token_type(const HttpExchange& x, std::string_view type, const Tag& tag = {});
bool expect_token_type_bearer(const HttpExchange& x, const Tag& tag = {});
// expires_in is a positive integer JSON number.            default id "expires_in"
bool expect_positive_expires_in(const HttpExchange& x, const Tag& tag = {});
// scope, if present, is a string of scope-tokens separated by single spaces. id "scope_syntax"
bool expect_scope_syntax(const HttpExchange& x, const Tag& tag = {});
// member (access_token/refresh_token) is a non-empty VSCHAR string. default id "<member>_syntax"
bool expect_token_syntax(const HttpExchange& x, std::string_view member, const Tag& tag = {});
// member is b64token-safe (RFC 6750 §2.1).                 default id "<member>_b64token"
bool expect_b64token(const HttpExchange& x, std::string_view member, const Tag& tag = {});
// RFC 6749 §5.2 error reply: 400 (401 for invalid_client), JSON object, known error code,
// error_description / error_uri in their character sets.   default id "error_format"
bool expect_error_response_format(const HttpExchange& x, const Tag& tag = {});

// ---- predicates and parsers (record nothing)
bool is_json_media_type(std::string_view content_type);
bool is_vschar_string(std::string_view s);   // 1*( %x20-7E ) per App. A (non-empty)
bool is_b64token(std::string_view s);        // 1*( ALPHA / DIGIT / "-._~+/" ) *"="
bool is_nqschar_string(std::string_view s);  // %x20-21 / %x23-5B / %x5D-7E
bool is_scope_token(std::string_view s);     // 1*( %x21 / %x23-5B / %x5D-7E )
// How a scope string is shaped.
enum class ScopeShape { kValid, kBadSpacing, kIllegal };
ScopeShape classify_scope(std::string_view scope);
// Scope tokens split on spaces, empty pieces dropped.
std::vector<std::string> split_scope(std::string_view scope);
bool same_scope_set(std::string_view a, std::string_view b);
// The RFC 6749 §5.2 error codes plus the ones of RFC 7009 §2.2.1 (unsupported_token_type).
bool is_known_error_code(std::string_view code);
// Duplicate member names anywhere in a JSON text (false when it does not parse).
bool json_has_duplicate_members(std::string_view text);

// Cache-Control directives of every header value, names lower-cased, values unquoted.
std::vector<std::pair<std::string, std::optional<std::string>>> cache_control_directives(
    const std::vector<std::string>& header_values);

struct Challenge {
  std::string scheme{};
  std::optional<std::string> token68{};
  std::vector<std::pair<std::string, std::string>> params{};  // names lower-cased, values unquoted
  std::optional<std::string> param(std::string_view name) const;  // first value
};
// Parses a WWW-Authenticate field value (RFC 9110 §11.6.1: #challenge with auth-params in
// token / quoted-string form or a token68). Returns the reason on a grammar violation.
Result<std::vector<Challenge>, std::string> parse_challenges(std::string_view value);
// Every challenge of every WWW-Authenticate header of the reply (unparsable values skipped).
std::vector<Challenge> challenges_of(const HttpExchange& x);
// RFC 6750 §3 rules beyond the grammar: realm at most once, error / error_description / scope
// in their character sets, no repeated attribute. nullopt when fine, else what is wrong.
std::optional<std::string> bearer_challenge_problem(const Challenge& c);

}  // namespace ock::conformance::catalog
