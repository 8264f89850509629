// The authorization code flow with PKCE against the real server over loopback, driven with
// libcurl as a scripted browser and client would: GET the authorization endpoint, fill in the
// login form with its cookie, allow on the consent page, take the code from the Location,
// exchange it with the verifier, call the API. Then what must hold around it: a replayed code
// revokes what it issued, two simultaneous redemptions have one winner, public loopback
// clients, several servers on one database, and nothing secret in the database file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <barrier>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "reference-server/tests/e2e/e2e_support.h"

namespace ock::server::e2e {
namespace {

constexpr const char* kCodeClientUri = "https://client.example/cb";

std::string field(const HttpResponse& r, const char* name) {
  auto j = json_of(r);
  return j.is_object() && j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : "";
}

std::string issuer_of(const RefServerProcess& server) {
  return json_of(get(server.url("/.well-known/oauth-authorization-server"))).value("issuer", "");
}

class CodeFlowTest : public ServerTest {
 protected:
  // A code for code-client (login and consent as alice).
  std::string code_client_code(Browser& b) {
    auto r = b.authorize(authorize_query("code-client", kCodeClientUri, "s"));
    EXPECT_EQ(r.status, 303) << r.describe();
    return location_params(r)["code"];
  }
  HttpResponse redeem(const std::string& code) {
    return exchange_code(server_, "code-client", std::string("code-secret-1"), code, kVerifier,
                         kCodeClientUri);
  }
};

TEST_F(CodeFlowTest, LoginConsentCodeTokenThenListUsers) {
  ASSERT_TRUE(start_server());
  Browser browser(server_);
  const std::string state = "xyz 123/&=?";
  const std::string query = authorize_query("code-client", kCodeClientUri, state, "read write");

  auto login = browser.get(query);
  ASSERT_EQ(login.status, 200) << login.describe();
  EXPECT_EQ(login.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(login.header("Content-Security-Policy"), "frame-ancestors 'none'");
  EXPECT_EQ(login.header("Cache-Control"), "no-store");
  EXPECT_EQ(login.header("Content-Type"), "text/html; charset=utf-8");
  auto form = only_form(login);
  EXPECT_EQ(form.method, "post");
  EXPECT_EQ(form.action, "/oauth/authorize/?" + query);
  ASSERT_TRUE(browser.jar().value("ock_login").has_value()) << login.describe();

  auto consent = browser.submit_login(login, kAlice, kAlicePassword);
  ASSERT_EQ(consent.status, 200) << consent.describe();
  ASSERT_TRUE(only_form(consent).has_button("decision", "allow")) << consent.body;
  ASSERT_TRUE(browser.jar().value("ock_session").has_value());
  EXPECT_EQ(consent.header("X-Frame-Options"), "DENY");

  auto redirect = browser.submit_consent(consent, "allow");
  ASSERT_EQ(redirect.status, 303) << redirect.describe();
  auto params = location_params(redirect);
  EXPECT_EQ(test_support::without_query(*redirect.header("Location")), kCodeClientUri);
  EXPECT_EQ(params["state"], state);
  EXPECT_EQ(params["iss"], issuer_of(server_));
  EXPECT_EQ(params["iss"], server_.base_url());

  auto token = redeem(params["code"]);
  ASSERT_TRUE(is_token_success(token));
  EXPECT_EQ(token.header("Cache-Control"), "no-store");
  EXPECT_EQ(token.header("Pragma"), "no-cache");
  EXPECT_EQ(json_of(token)["scope"], "read write");
  EXPECT_FALSE(field(token, "refresh_token").empty());
  auto users = list_users(server_, field(token, "access_token"));
  EXPECT_EQ(users.status, 200) << users.describe();
  auto refreshed =
      refresh_grant(server_, field(token, "refresh_token"), "code-client", "code-secret-1");
  EXPECT_TRUE(is_token_success(refreshed));
}

TEST_F(CodeFlowTest, ReplayedCodeIsRefusedAndRevokesWhatItIssued) {
  ASSERT_TRUE(start_server());
  Browser browser(server_);
  const std::string code = code_client_code(browser);
  auto first = redeem(code);
  ASSERT_TRUE(is_token_success(first));
  ASSERT_EQ(list_users(server_, field(first, "access_token")).status, 200);
  EXPECT_TRUE(is_oauth_error(redeem(code), 400, "invalid_grant"));
  EXPECT_EQ(list_users(server_, field(first, "access_token")).status, 401);
  EXPECT_TRUE(is_oauth_error(
      refresh_grant(server_, field(first, "refresh_token"), "code-client", "code-secret-1"), 400,
      "invalid_grant"));
}

TEST_F(CodeFlowTest, TwoSimultaneousRedemptionsHaveExactlyOneWinner) {
  ASSERT_TRUE(start_server());
  Browser browser(server_);
  for (int round = 0; round < 8; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string code = code_client_code(browser);
    HttpResponse results[2];
    std::barrier start_line(2);
    auto racer = [&](int i) {
      start_line.arrive_and_wait();
      results[i] = redeem(code);
    };
    std::thread a(racer, 0);
    std::thread b(racer, 1);
    a.join();
    b.join();
    int wins = 0;
    for (const auto& r : results) {
      ASSERT_TRUE(r.ok()) << r.describe();
      if (r.status == 200) {
        ++wins;
      } else {
        EXPECT_TRUE(is_oauth_error(r, 400, "invalid_grant"));
      }
    }
    EXPECT_EQ(wins, 1) << results[0].describe() << "\n" << results[1].describe();
  }
}

TEST_F(CodeFlowTest, PublicClientOnALoopbackPortNeedsNoSecret) {
  ASSERT_TRUE(start_server());
  Browser browser(server_);
  // Any port on the registered loopback URI (RFC 8252 §7.3); first-party, so no consent.
  const std::string uri = "http://127.0.0.1:" + std::to_string(server_.port() + 1) + "/callback";
  auto login = browser.get(authorize_query("public-client", uri, "p"));
  ASSERT_EQ(login.status, 200) << login.describe();
  auto redirect = browser.submit_login(login, "bob", "bob-password-1");
  ASSERT_EQ(redirect.status, 303) << redirect.describe();
  EXPECT_EQ(redirect.header("Location")->rfind(uri + "?code=", 0), 0u) << redirect.describe();
  auto token = exchange_code(server_, "public-client", std::nullopt,
                             location_params(redirect)["code"], kVerifier, uri);
  ASSERT_TRUE(is_token_success(token));
  auto refreshed = post_form(server_.url("/oauth/token/"),
                             form_body({{"grant_type", "refresh_token"},
                                        {"client_id", "public-client"},
                                        {"refresh_token", field(token, "refresh_token")}}));
  EXPECT_TRUE(is_token_success(refreshed));
  // The public client may not fall back to the password grant.
  auto password =
      post_form(server_.url("/oauth/token/"), form_body({{"grant_type", "password"},
                                                         {"client_id", "public-client"},
                                                         {"username", kAlice},
                                                         {"password", kAlicePassword}}));
  EXPECT_TRUE(is_oauth_error(password, 400, "unauthorized_client"));
}

TEST_F(CodeFlowTest, ClientWithReservedCharactersUsesFormEncodedBasicCredentials) {
  ASSERT_TRUE(start_server());
  Browser browser(server_);
  auto r = browser.authorize(authorize_query("special:code+1/%= x", kCodeClientUri));
  ASSERT_EQ(r.status, 303) << r.describe();
  auto token = exchange_code(server_, "special:code+1/%= x", std::string("s3cret:+/%= &y"),
                             location_params(r)["code"], kVerifier, kCodeClientUri);
  EXPECT_TRUE(is_token_success(token));
}

TEST_F(CodeFlowTest, ShortCodeClientGetsThreeSecondTokens) {
  ASSERT_TRUE(start_server());
  Browser browser(server_);
  auto r = browser.authorize(authorize_query("short-code-client", kCodeClientUri));
  ASSERT_EQ(r.status, 303) << r.describe();
  auto token = exchange_code(server_, "short-code-client", std::string("short-code-secret-1"),
                             location_params(r)["code"], kVerifier, kCodeClientUri);
  ASSERT_TRUE(is_token_success(token));
  EXPECT_EQ(json_of(token)["expires_in"], 3);
}

TEST_F(CodeFlowTest, CodeTtlFlagShortensTheCodesLife) {
  RefServerOptions o;
  o.extra_args = {"--code-ttl", "1"};
  ASSERT_TRUE(start_server(o));
  Browser browser(server_);
  const std::string code = code_client_code(browser);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_TRUE(is_oauth_error(redeem(code), 400, "invalid_grant"));
}

TEST_F(CodeFlowTest, AnUnregisteredRedirectUriGetsAPageNotARedirect) {
  ASSERT_TRUE(start_server());
  Browser browser(server_);
  auto r = browser.get(authorize_query("code-client", "https://attacker.example/cb", "s"));
  EXPECT_EQ(r.status, 400) << r.describe();
  EXPECT_FALSE(r.header("Location").has_value());
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
}

// Sessions and codes live in the database, so a user signed in at one server is signed in at
// another on the same database, and a code issued by one is redeemed at the other.
TEST_F(CodeFlowTest, ServersSharingADatabaseShareSessionsAndCodes) {
  ASSERT_TRUE(start_server());
  TempDir other_dir;
  RefServerProcess other(other_dir.path());
  RefServerOptions same_db;
  same_db.db = server_.db();
  same_db.seed.clear();
  ASSERT_TRUE(other.start(same_db)) << other.last_error();

  Browser at_first(server_);
  ASSERT_EQ(
      at_first.authorize(authorize_query("code-client-2", "https://client2.example/cb")).status,
      303);
  Browser at_other(other);
  at_other.jar().take({"ock_session=" + *at_first.jar().value("ock_session")});
  auto r = at_other.get(authorize_query("code-client-2", "https://client2.example/cb"));
  ASSERT_EQ(r.status, 302) << "signed in at the other server too: " << r.describe();
  auto token = exchange_code(server_, "code-client-2", std::string("code-secret-2"),
                             location_params(r)["code"], kVerifier, "https://client2.example/cb");
  EXPECT_TRUE(is_token_success(token));
  EXPECT_EQ(location_params(r)["iss"], other.base_url()) << "each server names itself";
  other.stop(SIGTERM);
}

// The same on PostgreSQL (OCK_TEST_POSTGRES_DSN), in a schema of its own made with psql.
TEST_F(CodeFlowTest, ServersSharingAPostgresqlDatabaseShareSessionsAndCodes) {
  const char* dsn = std::getenv("OCK_TEST_POSTGRES_DSN");
  if (dsn == nullptr) GTEST_SKIP() << "OCK_TEST_POSTGRES_DSN is not set";
  const std::string schema = "ock_e2e_" + std::to_string(::getpid());
  auto made = run_command({"psql", dsn, "-v", "ON_ERROR_STOP=1", "-qc", "CREATE SCHEMA " + schema});
  ASSERT_TRUE(made.status.exited && made.status.code == 0) << made.err;
  struct DropSchema {
    std::string dsn, schema;
    ~DropSchema() {
      run_command({"psql", dsn, "-qc",
                   "SET client_min_messages TO warning; DROP SCHEMA " + schema + " CASCADE"});
    }
  } drop{dsn, schema};
  RefServerOptions on_pg;
  on_pg.db = std::string("postgresql://") + dsn + " options=-csearch_path=" + schema;
  ASSERT_TRUE(start_server(on_pg));
  TempDir other_dir;
  RefServerProcess other(other_dir.path());
  on_pg.seed.clear();
  ASSERT_TRUE(other.start(on_pg)) << other.last_error();

  Browser at_first(server_);
  ASSERT_EQ(at_first.authorize(authorize_query("code-client", kCodeClientUri)).status, 303);
  Browser at_other(other);
  at_other.jar().take({"ock_session=" + *at_first.jar().value("ock_session")});
  auto consent = at_other.get(authorize_query("code-client", kCodeClientUri, "pg"));
  ASSERT_EQ(consent.status, 200) << consent.describe();
  auto r = at_other.submit_consent(consent, "allow");
  ASSERT_EQ(r.status, 303) << "the consent form of one server, its session from the other: "
                           << r.describe();
  const std::string code = location_params(r)["code"];
  EXPECT_TRUE(is_token_success(redeem(code)));
  EXPECT_TRUE(is_oauth_error(exchange_code(other, "code-client", std::string("code-secret-1"), code,
                                           kVerifier, kCodeClientUri),
                             400, "invalid_grant"))
      << "a code redeemed at one server is used at the other";
  other.stop(SIGTERM);
}

TEST_F(CodeFlowTest, NeitherCodesNorSessionsNorTokensAreInTheDatabaseFile) {
  ASSERT_TRUE(start_server());
  Browser browser(server_);
  const std::string code = code_client_code(browser);
  const std::string session = *browser.jar().value("ock_session");
  auto token = redeem(code);
  ASSERT_TRUE(is_token_success(token));
  ASSERT_TRUE(server_.stop(SIGTERM).exited);
  const std::string path = server_.db().substr(std::string("sqlite:").size());
  std::string bytes;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    if (std::filesystem::exists(path + suffix)) bytes += read_file(path + suffix);
  }
  ASSERT_FALSE(bytes.empty());
  for (const std::string& secret : {code, session, field(token, "access_token"),
                                    field(token, "refresh_token"), std::string("code-secret-1")}) {
    EXPECT_EQ(bytes.find(secret), std::string::npos)
        << secret.substr(0, 4) << "… is stored in clear";
  }
  auto rows = run_command(
      {"sqlite3", "-readonly", path,
       "SELECT count(*) FROM authorization_codes; SELECT count(*) FROM login_sessions;"},
      std::chrono::seconds(30));
  EXPECT_EQ(rows.out, "1\n1\n") << rows.err;
}

}  // namespace
}  // namespace ock::server::e2e
