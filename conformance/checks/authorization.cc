#include "conformance/checks/authorization.h"

#include <algorithm>
#include <string>

#include "conformance/checks/text.h"
#include "conformance/engine/token_reply.h"
#include "conformance/engine/url.h"

namespace ock::conformance::checks {
namespace {

// What the flow ended with, for messages (no code or token values: the reports redact them).
std::string ending(const AuthorizationOutcome& o) {
  if (!o.redirected) {
    return "no redirect to the client (" + o.stopped + ")";
  }
  std::string names;
  for (const auto& [k, v] : o.params) {
    names += (names.empty() ? "" : ", ") + k + (k == "error" || k == "iss" ? "=" + v : "");
  }
  return "a redirect with " + (names.empty() ? std::string("no parameters") : names);
}

bool has_csp_frame_ancestors(const engine::HttpExchange& page) {
  for (const auto& csp : page.response.header_all("Content-Security-Policy")) {
    auto at = lower(csp).find("frame-ancestors");
    if (at == std::string::npos) continue;
    auto value = lower(csp.substr(at + 15, csp.find(';', at) - at - 15));
    if (value.find("'none'") != std::string::npos || value.find("'self'") != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace

bool expect_code_issued(const AuthorizationOutcome& o, const Tag& tag) {
  return record(tag, "code", o.redirected && o.param("code") && !o.param("error"),
                "a redirect to the client with a code", ending(o));
}

void require_code_issued(const AuthorizationOutcome& o, const Tag& tag) {
  record_or_abort(tag, "code", o.redirected && o.param("code") && !o.param("error"),
                  "a redirect to the client with a code", ending(o));
}

bool expect_no_code(const AuthorizationOutcome& o, const Tag& tag) {
  return record(tag, "no_code", !(o.redirected && o.param("code")), "no code", ending(o));
}

bool expect_authorization_error(const AuthorizationOutcome& o, std::vector<std::string> codes,
                                const Tag& tag) {
  auto error = o.redirected ? o.param("error") : std::nullopt;
  bool ok = error && std::find(codes.begin(), codes.end(), *error) != codes.end();
  return record(tag, "error", ok, "a redirect with error=" + join(codes, " or "), ending(o));
}

bool expect_state_returned(const AuthorizationOutcome& o, const Tag& tag) {
  auto state = o.param("state");
  return record(tag, "state", o.redirected && state == o.state, "state returned unchanged",
                !o.redirected ? ending(o)
                : !state      ? std::string("no state in the redirect")
                : *state == o.state
                    ? std::string("unchanged")
                    : "a different state (" + std::to_string(state->size()) + " characters)");
}

bool expect_iss(const AuthorizationOutcome& o, std::string_view issuer, const Tag& tag) {
  auto iss = o.param("iss");
  return record(tag, "iss", o.redirected && iss == issuer, "iss=" + std::string(issuer),
                iss ? "iss=" + *iss : ending(o));
}

bool expect_no_redirect_to(const AuthorizationOutcome& o, std::string_view uri, const Tag& tag) {
  // The same URI without its query, and the query (if any) kept: the response parameters are
  // appended to it.
  const std::string base = engine::without_query(uri);
  const std::string query = std::string(uri.substr(std::min(uri.size(), base.size())));
  bool went = o.redirected && engine::without_query(o.location) == base &&
              (query.empty() || o.location.find(query.substr(1)) != std::string::npos);
  return record(tag, "no_redirect", !went, "no redirect to " + std::string(uri),
                went ? "redirected there" : ending(o));
}

bool expect_no_token_in_redirect(const AuthorizationOutcome& o, const Tag& tag) {
  bool token = o.redirected && o.param("access_token");
  return record(tag, "no_access_token", !token, "no access token in the redirect",
                token ? "an access_token in the redirect" : ending(o));
}

bool expect_pkce_enforced(const AuthorizationOutcome& o,
                          const std::optional<engine::HttpExchange>& redemption,
                          std::string_view how, const Tag& tag) {
  bool code = o.redirected && o.param("code");
  bool token = code && redemption && engine::token_issued(*redemption);
  return record(tag, "pkce_required", !token,
                "no code for a request " + std::string(how) + ", or no token for it",
                !code         ? ending(o)
                : !redemption ? std::string("a code, not redeemed")
                : token       ? "a code, and a token for it: " + engine::describe(*redemption)
                        : "a code, but its redemption refused: " + engine::describe(*redemption));
}

bool expect_frame_protection(const engine::HttpExchange& page, const Tag& tag) {
  auto xfo = page.response.header("X-Frame-Options");
  bool ok = (xfo && (lower(trim(*xfo)) == "deny" || lower(trim(*xfo)) == "sameorigin")) ||
            has_csp_frame_ancestors(page);
  return record(
      tag, "frame_protection", ok,
      "X-Frame-Options DENY/SAMEORIGIN or CSP frame-ancestors 'none'/'self'",
      xfo ? "X-Frame-Options: " + *xfo : "neither header (" + engine::describe(page) + ")");
}

}  // namespace ock::conformance::checks
