// End-to-end test support: a gtest fixture owning one temp dir and one oauth-refserver (the
// shared tests/support helpers), and the few OAuth steps the tests repeat (password grant,
// refresh, a Bearer call, the authorization code flow through its login and consent forms),
// written out here from the RFCs rather than borrowed from the server's code.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/build_paths.h"
#include "tests/support/child_process.h"
#include "tests/support/http_client.h"
#include "tests/support/raw_tcp.h"
#include "tests/support/refserver_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/text_file.h"
#include "tests/support/web_page.h"

namespace ock::server::e2e {

// The shared test support, by the names these tests use.
using test_support::base64;
using test_support::basic_auth_header;
using test_support::CommandResult;
using test_support::CookieJar;
using test_support::demo_seed;
using test_support::ExitStatus;
using test_support::form_body;
using test_support::form_encode;
using test_support::get;
using test_support::HttpRequest;
using test_support::HttpResponse;
using test_support::post_form;
using test_support::raw_exchange;
using test_support::RawExchange;
using test_support::read_file;
using test_support::RefServerOptions;
using test_support::RefServerProcess;
using test_support::run_command;
using test_support::send;
using test_support::source_dir;
using test_support::TempDir;
using test_support::write_file;

// Seed credentials of fixtures/seed/demo.json.
inline constexpr const char* kClientId = "demo-client";
inline constexpr const char* kClientSecret = "demo-secret-1";
inline constexpr const char* kAlice = "alice";
inline constexpr const char* kAlicePassword = "alice-password-1";

// The body parsed as JSON; a null value when it is not JSON.
nlohmann::json json_of(const HttpResponse& r);

// POST /oauth/token/ grant_type=password with client_secret_basic.
HttpResponse password_grant(const RefServerProcess& server, const std::string& username,
                            const std::string& password, const std::string& client_id = kClientId,
                            const std::string& secret = kClientSecret);
// POST /oauth/token/ grant_type=refresh_token with client_secret_basic.
HttpResponse refresh_grant(const RefServerProcess& server, const std::string& refresh_token,
                           const std::string& client_id = kClientId,
                           const std::string& secret = kClientSecret);
// GET /api/users/ with a Bearer token.
HttpResponse list_users(const RefServerProcess& server, const std::string& access_token);

// 200 with a Bearer access_token in a JSON body.
testing::AssertionResult is_token_success(const HttpResponse& r);
// `status` with a JSON body whose "error" is `error`.
testing::AssertionResult is_oauth_error(const HttpResponse& r, long status,
                                        const std::string& error);
// The process is alive and a normal password grant still gets a token.
testing::AssertionResult still_serves(RefServerProcess& server);

// RFC 7636 Appendix B: a code_verifier and its S256 code_challenge.
inline constexpr const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
inline constexpr const char* kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

// The query of an authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3) with response_type
// code, PKCE S256 (kChallenge), and `redirect_uri`, `state` and `scope` when not empty.
std::string authorize_query(const std::string& client_id, const std::string& redirect_uri,
                            const std::string& state = "", const std::string& scope = "read");

// A browser for the authorization endpoint of one server: a cookie jar, libcurl requests that
// never follow redirects, and the login and consent forms read from the pages.
class Browser {
 public:
  explicit Browser(const RefServerProcess& server, std::string ca_file = "")
      : server_(server), ca_file_(std::move(ca_file)) {}

  // GET /oauth/authorize/?query.
  HttpResponse get(const std::string& query);
  // POSTs `fields` to a form's action (a path with a query).
  HttpResponse post(const std::string& action,
                    const std::vector<std::pair<std::string, std::string>>& fields);
  HttpResponse submit_login(const HttpResponse& page, const std::string& username,
                            const std::string& password);
  HttpResponse submit_consent(const HttpResponse& page, const std::string& decision);
  // GET, the login form when shown, allow on the consent page when shown: the final reply.
  HttpResponse authorize(const std::string& query, const std::string& username = kAlice,
                         const std::string& password = kAlicePassword);
  CookieJar& jar() { return jar_; }

 private:
  HttpResponse send_with_cookies(HttpRequest req);
  const RefServerProcess& server_;
  std::string ca_file_;
  CookieJar jar_;
};

// The one form of a page; an empty form when there is not exactly one.
test_support::HtmlForm only_form(const HttpResponse& page);
// The decoded query parameters of the Location header; empty without one.
std::map<std::string, std::string> location_params(const HttpResponse& r);

// POST /oauth/token/ grant_type=authorization_code with `code`, code_verifier `verifier` and
// `redirect_uri` (left out when empty); Basic authentication when `secret` is set, else
// client_id in the body (a public client).
HttpResponse exchange_code(const RefServerProcess& server, const std::string& client_id,
                           const std::optional<std::string>& secret, const std::string& code,
                           const std::string& verifier, const std::string& redirect_uri,
                           const std::string& ca_file = "");

// One temp dir and one server per test.
class ServerTest : public testing::Test {
 protected:
  ServerTest() : server_(dir_.path()) {}
  testing::AssertionResult start_server(const RefServerOptions& options = {});

  TempDir dir_;
  RefServerProcess server_;
};

}  // namespace ock::server::e2e
