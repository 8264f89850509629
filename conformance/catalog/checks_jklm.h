// Named checks for the revocation, introspection, client_credentials and security areas (J-M),
// next to checks.h and in its style: expect_* record one assertion into the current Recorder and
// return whether it held; the pure helpers below them record nothing. No I/O here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/catalog/checks.h"
#include "conformance/catalog/run_state.h"
#include "conformance/catalog/transport.h"

namespace ock::conformance::catalog {

// ---- introspection responses (RFC 7662 §2.2)
// (expect_introspection_active is in checks_ehgi.h.)
// The JSON object has no member besides "active".                default id "inactive_minimal"
bool expect_only_active_member(const HttpExchange& x, const Tag& tag = {});
// The member, when present, is a JSON integer.                    default id "<member>_type"
bool expect_integer_member_if_present(const HttpExchange& x, std::string_view member,
                                      const Tag& tag = {});
// The member, when present, is a JSON string.                     default id "<member>_type"
bool expect_string_member_if_present(const HttpExchange& x, std::string_view member,
                                     const Tag& tag = {});
// The member, when present, is the string `want`.                 default id "<member>_value"
bool expect_member_equals_if_present(const HttpExchange& x, std::string_view member,
                                     std::string_view want, const Tag& tag = {});
// The scope member, when present, is the same scope set as `want`. default id "scope_value"
bool expect_scope_set_if_present(const HttpExchange& x, std::string_view want, const Tag& tag = {});
// exp is a JSON integer within `leeway` seconds of `want`.        default id "exp_value"
bool expect_exp_near(const HttpExchange& x, std::int64_t want, std::int64_t leeway,
                     const Tag& tag = {});

// ---- token responses (RFC 6749 §4.4.3)
// The reply carries no refresh_token member.                      default id "no_refresh_token"
bool expect_no_refresh_token(const HttpExchange& x, const Tag& tag = {});

// ---- token entropy and uniqueness (RFC 6749 §10.10; RFC 6819 §5.1.4.2.2)
// An estimate over the part of the tokens that varies: the common prefix and suffix of all
// samples are stripped. upper_bound_bits = shortest varying length x log2(distinct characters
// seen in the varying parts); shannon_bits = Shannon entropy of the pooled character distribution
// (bits per character) x the shortest varying length.
struct EntropyEstimate {
  std::size_t samples = 0;
  std::size_t common_prefix = 0;
  std::size_t common_suffix = 0;
  std::size_t varying_length = 0;  // shortest varying part
  std::size_t alphabet = 0;        // distinct characters in the varying parts
  double upper_bound_bits = 0;
  double shannon_bits = 0;
};
EntropyEstimate estimate_entropy(const std::vector<std::string>& tokens);
// "20 samples, common prefix 0, varying length 43 over 64 symbols: upper bound 258.0 bits,
// Shannon estimate 255.1 bits".
std::string describe_entropy(const EntropyEstimate& e);
// upper_bound_bits >= bits.                       default id "upper_bound_<bits>"
bool expect_entropy_upper_bound(const EntropyEstimate& e, double bits, const Tag& tag = {});
// shannon_bits >= bits.                           default id "shannon_<bits>"
bool expect_entropy_shannon(const EntropyEstimate& e, double bits, const Tag& tag = {});

// header.payload.signature with a header that decodes to a JSON object carrying "alg".
bool is_jwt_shaped(std::string_view token);
// A string claim of a JWT's payload (no signature check), or nullopt.
std::optional<std::string> jwt_string_claim(std::string_view token, std::string_view claim);

// Index pairs (i < j) of equal values.
std::vector<std::pair<std::size_t, std::size_t>> equal_pairs(const std::vector<std::string>& v);
// Every value differs from every other. `what` names them ("access tokens"). default id "distinct"
bool expect_all_distinct(const std::vector<std::string>& values, std::string_view what,
                         const Tag& tag = {});
// Every value of `a` differs from every value of `b`.            default id "disjoint"
bool expect_disjoint(const std::vector<std::string>& a, const std::vector<std::string>& b,
                     std::string_view what, const Tag& tag = {});
// A counter or timestamp in the varying part: a decimal run (>= 4 digits) at the same offset of
// every token (issue order) that never decreases and is not constant, or a 10/13-digit run that
// reads as a Unix time within a day of `now_unix`. nullopt when none, else what was seen.
std::optional<std::string> visible_sequence(const std::vector<std::string>& tokens_in_order,
                                            std::int64_t now_unix);
//                                                                default id "no_sequence"
bool expect_no_visible_sequence(const std::vector<std::string>& tokens_in_order,
                                std::int64_t now_unix, const Tag& tag = {});

// ---- secrets in replies and logs (RFC 6749 §10.3, RFC 6750 §5.3, RFC 9700 §4.3.2)
struct KnownSecret {
  std::string value;
  std::string kind;  // "client secret of clients.primary", "a canary credential", "a token"
};
// Where known secrets show up in the reply: every header, and the body with the access_token,
// refresh_token and id_token members of a JSON object taken out (that is where tokens are issued,
// not echoed). Secrets shorter than 8 characters are ignored. Each entry names the kind and the
// place, never the value.
std::vector<std::string> secret_echoes(const HttpExchange& x,
                                       const std::vector<KnownSecret>& secrets);
// Known secrets inside Location, Content-Location or Link header values (raw or form-encoded).
std::vector<std::string> secrets_in_url_headers(const HttpExchange& x,
                                                const std::vector<KnownSecret>& secrets);
// Known secrets inside a text (a log). Each entry names the kind and how often, never the value.
std::vector<std::string> secrets_in_text(std::string_view text,
                                         const std::vector<KnownSecret>& secrets);
// No reply of the run echoes a secret.                            default id "no_echo"
bool expect_no_secret_echo(const std::vector<LoggedExchange>& xs,
                           const std::vector<KnownSecret>& secrets, const Tag& tag = {});
// No reply of the run carries a secret in a URL-valued header.    default id "no_secret_in_url"
bool expect_no_secret_in_url_headers(const std::vector<LoggedExchange>& xs,
                                     const std::vector<KnownSecret>& secrets, const Tag& tag = {});
// The log text holds none of the secrets.                         default id "logs_clean"
bool expect_no_secrets_in_text(std::string_view text, const std::vector<KnownSecret>& secrets,
                               const Tag& tag = {});

}  // namespace ock::conformance::catalog
