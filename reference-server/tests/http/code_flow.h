// The authorization code flow as a browser and a client run it, over a ServerHarness (straight
// through the Router or over HTTP): a cookie jar, the login and consent forms read from the
// pages, the parameters of the authorization request, and the code exchange. Written from
// RFC 6749 §4.1 and RFC 7636, not from the server's code.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reference-server/tests/http/server_harness.h"
#include "tests/support/web_page.h"

namespace ock::server::testing {

// RFC 7636 Appendix B, and a second pair (computed independently) for "another verifier".
inline constexpr const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
inline constexpr const char* kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
inline constexpr const char* kOtherVerifier = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

// The parameters of an authorization request, in order, as a test edits them.
struct AuthParams {
  std::vector<std::pair<std::string, std::string>> params;

  // response_type=code, client_id, redirect_uri, state, code_challenge (kChallenge),
  // code_challenge_method=S256 and scope=read; an empty redirect_uri is left out.
  static AuthParams for_client(const std::string& client_id, const std::string& redirect_uri);
  AuthParams& set(const std::string& name, const std::string& value);  // replaces or adds
  AuthParams& drop(const std::string& name);
  AuthParams& add(const std::string& name, const std::string& value);  // appends (repeats)
  std::string query() const;
};

class Browser {
 public:
  explicit Browser(ServerHarness& s) : s_(s) {}

  // GET /oauth/authorize/?query with the jar's cookies; takes the reply's cookies.
  ApiReply get(const std::string& query);
  // POSTs `fields` (form-encoded) to a form's action (a path with a query).
  ApiReply post(const std::string& action,
                const std::vector<std::pair<std::string, std::string>>& fields);
  // Fills in the login form of `page` and submits it.
  ApiReply submit_login(const ApiReply& page, const std::string& username,
                        const std::string& password);
  // Submits the consent form of `page` with decision=`decision`.
  ApiReply submit_consent(const ApiReply& page, const std::string& decision);
  // GET, then the login form when shown, then allow on the consent page when shown: the reply
  // that ends the flow (a 302 with a code when all went well).
  ApiReply authorize(const std::string& query, const std::string& username = "alice",
                     const std::string& password = "alice-password-1");

  test_support::CookieJar& jar() { return jar_; }

 private:
  void take_cookies(const ApiReply& r);
  ServerHarness& s_;
  test_support::CookieJar jar_;
};

// The one form of an HTML page; an empty form when there is not exactly one.
test_support::HtmlForm only_form(const ApiReply& page);
// Every value of the header `name` (case-insensitive).
std::vector<std::string> header_values(const ApiReply& r, const std::string& name);
// The parameters of the Location header's query, decoded; empty without a Location.
std::map<std::string, std::string> location_params(const ApiReply& r);
// The Location without its query.
std::string location_base(const ApiReply& r);

// POST /oauth/token/ grant_type=authorization_code with `code`, `verifier` and `redirect_uri`
// (each left out when nullopt), authenticated with Basic (`secret` set) or client_id in the body.
ApiReply exchange_code(ServerHarness& s, const std::string& client_id,
                       const std::optional<std::string>& secret,
                       const std::optional<std::string>& code,
                       const std::optional<std::string>& verifier,
                       const std::optional<std::string>& redirect_uri);

}  // namespace ock::server::testing
