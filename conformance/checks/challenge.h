// WWW-Authenticate challenges: the RFC 9110 §11.6.1 parser, the RFC 6750 §3 rules for Bearer
// challenges, and the checks built on them (Basic after a failed client authentication, RFC 6749
// §5.2; Bearer at a resource, RFC 6750 §3). The parser and predicates record nothing. No I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conformance/checks/check.h"
#include "conformance/engine/http.h"
#include "conformance/model/result.h"

namespace ock::conformance::checks {

using engine::HttpExchange;

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
// What is wrong with the challenges of a reply, nullopt when fine: every WWW-Authenticate
// value parses (RFC 9110 §11.6.1), every Bearer challenge obeys RFC 6750 §3 (realm and the
// other attributes at most once, attribute character sets), and a 401 carries a Bearer
// challenge (RFC 6750 §3, RFC 9110 §15.5.2).
std::optional<std::string> challenge_syntax_problem(const HttpExchange& x);

// A WWW-Authenticate challenge with this scheme (case-insensitive). default id "www_authenticate"
bool expect_www_authenticate(const HttpExchange& x, std::string_view scheme, const Tag& tag = {});
// A Bearer challenge; when `error` is given its error attribute equals it.
//                                                          default id "bearer_challenge"
bool expect_bearer_challenge(const HttpExchange& x, std::optional<std::string> error = std::nullopt,
                             const Tag& tag = {});
// No Bearer challenge carries an error attribute (RFC 6750 §3.1: SHOULD NOT when the request
// had no authentication information).                      default id "no_error_attribute"
bool expect_bearer_challenge_without_error(const HttpExchange& x, const Tag& tag = {});
//                                                          default id "challenge_syntax"
bool expect_challenge_syntax(const HttpExchange& x, const Tag& tag = {});

}  // namespace ock::conformance::checks
