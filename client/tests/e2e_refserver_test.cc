// End to end: the real oauth-client binary against the real reference server
// ($OCK_BINARY_DIR/bin/oauth-refserver on 127.0.0.1, a fresh SQLite file seeded from
// fixtures/seed/demo.json, started by the shared tests/support helper). Fails with "the server
// binary ... does not exist" when the server binary is missing.
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "client/tests/support/process.h"
#include "tests/support/build_paths.h"
#include "tests/support/temp_dir.h"
#include "tests/support/refserver_process.h"

namespace ock::client::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSecret[] = "demo-secret-1";
constexpr char kPassword[] = "alice-password-1";
constexpr char kShortSecret[] = "short-secret-1";

// The walkthrough's tokens never reach the cache, so they cannot be grepped for by value.
// Instead: wherever a token is shown, at most 4 characters come before the ellipsis.
void expect_every_token_masked(const std::string& text) {
  static const std::string kEllipsis = "…";
  for (const std::string marker :
       {"\"access_token\": \"", "\"refresh_token\": \"", "Authorization: Bearer ",
        "token=", "access_token = ", "refresh_token = ", "code=", "code_verifier="}) {
    for (auto pos = text.find(marker); pos != std::string::npos; pos = text.find(marker, pos + 1)) {
      const std::string after = text.substr(pos + marker.size(), 4 + kEllipsis.size());
      if (!after.empty() && after[0] == '<') continue;  // "Bearer <token>" in prose
      EXPECT_NE(after.find(kEllipsis), std::string::npos)
          << "unmasked value after \"" << marker << "\": " << after.substr(0, 4) << "…";
    }
  }
}

// The check above can fail: an unmasked token after a marker is caught, masked ones pass.
TEST(ExpectEveryTokenMaskedTest, CatchesAnUnmaskedTokenOnly) {
  expect_every_token_masked(
      "> Authorization: Bearer abcd…\n> token=Zx…&token_type_hint=x\n"
      "sent as Authorization: Bearer <token>\n");
  EXPECT_NONFATAL_FAILURE(expect_every_token_masked("< \"access_token\": \"abcdefghijkl\""),
                          "unmasked value");
  EXPECT_NONFATAL_FAILURE(expect_every_token_masked("> refresh_token=abcdefghijkl&x=y"),
                          "unmasked value");
}

class E2eRefserverTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_dir_ = std::make_unique<test_support::TempDir>("oauth-client-refserver");
    server_ = std::make_unique<test_support::RefServerProcess>(server_dir_->path());
    start_error_ = server_->start() ? "" : server_->last_error();
  }
  static void TearDownTestSuite() {
    if (server_) server_->stop(SIGTERM);
    server_.reset();
    server_dir_.reset();
  }

  void SetUp() override {
    ASSERT_EQ(start_error_, "") << start_error_;
    binary_ = test_support::program_path("oauth-client");
    struct stat st {};
    ASSERT_EQ(stat(binary_.c_str(), &st), 0) << "oauth-client not built: " << binary_;
    dir_ = test_support::make_temp_dir("oauth-client-test");
  }
  void TearDown() override {
    expect_every_token_masked(all_output_);
    // Every byte any command printed, checked against every secret seen during the test.
    for (const std::string& secret : secrets_) {
      EXPECT_EQ(all_output_.find(secret), std::string::npos)
          << "a secret appeared in full in the output: " << secret.substr(0, 4) << "…";
    }
    std::filesystem::remove_all(dir_);
  }

  std::string cache() const { return dir_ + "/cache/token.json"; }

  std::map<std::string, std::string> env(const std::string& client = "demo-client",
                                         const std::string& secret = kSecret) const {
    return {{"OAUTH_SERVER", server_->base_url()},
            {"OAUTH_CLIENT_ID", client},
            {"OAUTH_USERNAME", "alice"},
            {"OAUTH_CLIENT_SECRET", secret},
            {"OAUTH_PASSWORD", kPassword},
            {"OAUTH_CLIENT_CACHE", cache()},
            {"HOME", dir_}};
  }

  ProcessResult run(std::vector<std::string> args, const std::map<std::string, std::string>& e) {
    args.insert(args.begin(), binary_);
    ProcessResult r = run_process(args, e);
    all_output_ += r.out + r.err;
    remember_cached_tokens();
    return r;
  }

  nlohmann::json cached() const {
    std::ifstream in(cache());
    return nlohmann::json::parse(in, nullptr, false);
  }
  void remember_cached_tokens() {
    const auto c = cached();
    if (!c.is_object()) return;
    for (const char* f : {"access_token", "refresh_token"}) {
      if (c.contains(f) && c[f].is_string() && c[f].get<std::string>().size() >= 4) {
        secrets_.push_back(c[f].get<std::string>());
      }
    }
  }

  static inline std::unique_ptr<test_support::TempDir> server_dir_;
  static inline std::unique_ptr<test_support::RefServerProcess> server_;
  static inline std::string start_error_;
  std::string binary_;
  std::string dir_;
  std::string all_output_;
  std::vector<std::string> secrets_ = {kSecret, kPassword, kShortSecret};
};

TEST_F(E2eRefserverTest, WalkthroughRunsEveryStep) {
  const ProcessResult r = run({"walkthrough", "--no-pause"}, env());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (int step = 1; step <= 9; ++step) {
    EXPECT_THAT(r.out, HasSubstr("== Step " + std::to_string(step) + " of 9"));
  }
  EXPECT_THAT(r.out, HasSubstr("> POST /oauth/token/ HTTP/1.1"));
  EXPECT_THAT(r.out, HasSubstr("> Authorization: Basic ZGVt…"));
  EXPECT_THAT(r.out, HasSubstr("< HTTP/1.1 200 OK"));
  EXPECT_THAT(r.out, HasSubstr("access_token = "));
  EXPECT_THAT(r.out, HasSubstr("> GET /api/users/ HTTP/1.1"));
  EXPECT_THAT(r.out, HasSubstr("\"username\": \"alice\""));
  EXPECT_THAT(r.out, HasSubstr("403 insufficient_scope"));
  EXPECT_THAT(r.out, HasSubstr("grant_type=refresh_token"));
  EXPECT_THAT(r.out, HasSubstr("> POST /oauth/revoke_token/ HTTP/1.1"));
  EXPECT_THAT(r.out, HasSubstr("401 invalid_token"));
  EXPECT_THAT(r.out, HasSubstr("invalid_grant"));
  EXPECT_THAT(r.out, HasSubstr("Every step ran."));
  EXPECT_FALSE(std::filesystem::exists(cache())) << "the walkthrough must not touch the cache";
}

// The code flow as a native app does it: the public client of the demo seed (loopback redirect
// http://127.0.0.1/callback, any port), the scripted browser logging alice in.
TEST_F(E2eRefserverTest, CodeWalkthroughWithAPublicClientRunsEveryStep) {
  auto e = env("public-client", "");
  e.erase("OAUTH_CLIENT_SECRET");
  const ProcessResult r =
      run({"walkthrough", "--flow", "code", "--public", "--login-form", "--no-pause", "--wait",
           "30", "--consent-field", "decision", "--consent-value", "allow"},
          e);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  for (int step = 1; step <= 9; ++step) {
    EXPECT_THAT(r.out, HasSubstr("== Step " + std::to_string(step) + " of 9"));
  }
  EXPECT_THAT(r.out, HasSubstr("code_challenge_method=S256"));
  EXPECT_THAT(r.out, HasSubstr("Listening now on:\n  http://127.0.0.1:"));
  EXPECT_THAT(r.out, HasSubstr("> GET /callback?code="));  // the redirect reached the listener
  EXPECT_THAT(r.out, HasSubstr("state: unchanged"));
  EXPECT_THAT(r.out, HasSubstr("iss: " + server_->base_url() + ", the server"));
  EXPECT_THAT(r.out, HasSubstr("grant_type=authorization_code&code="));
  EXPECT_THAT(r.out, HasSubstr("&client_id=public-client"));
  EXPECT_THAT(r.out, Not(HasSubstr("> Authorization: Basic")));  // a public client has no secret
  EXPECT_THAT(r.out, HasSubstr("\"username\": \"alice\""));
  EXPECT_THAT(r.out, HasSubstr("400 invalid_grant"));  // the code is spent
  EXPECT_THAT(r.out, HasSubstr("It is refused: the server revoked the tokens"));
  EXPECT_THAT(r.out, HasSubstr("Every step ran."));
  EXPECT_FALSE(std::filesystem::exists(cache())) << "the walkthrough must not touch the cache";
}

TEST_F(E2eRefserverTest, CodeWalkthroughWithAWrongPasswordIsOneSentence) {
  auto e = env("public-client", "");
  e.erase("OAUTH_CLIENT_SECRET");
  e["OAUTH_PASSWORD"] = "not-the-password";
  secrets_.push_back("not-the-password");
  const ProcessResult r = run(
      {"walkthrough", "--flow", "code", "--public", "--login-form", "--no-pause", "--wait", "30"},
      e);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("scripted login stopped"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

// An unregistered redirect URI gets the server's error page, never a redirect: the flow stops
// there instead of waiting for a browser that will not come.
TEST_F(E2eRefserverTest, CodeWalkthroughWithAnUnregisteredRedirectStopsAtTheErrorPage) {
  auto e = env("public-client", "");
  e.erase("OAUTH_CLIENT_SECRET");
  const auto started = std::chrono::steady_clock::now();
  const ProcessResult r =
      run({"walkthrough", "--flow", "code", "--public", "--login-form", "--no-pause", "--wait",
           "30", "--redirect-uri", "http://127.0.0.1/elsewhere"},
          e);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("no redirect to the client"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
}

TEST_F(E2eRefserverTest, CodeWalkthroughRefusesANonLoopbackRedirectUri) {
  const ProcessResult r = run({"walkthrough", "--flow", "code", "--no-pause", "--redirect-uri",
                               "http://localhost/callback"},
                              env("code-client", "code-secret-1"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--redirect-uri \"http://localhost/callback\" is not a loopback URI"));
  EXPECT_THAT(r.out, Not(HasSubstr("Step 1")));
}

TEST_F(E2eRefserverTest, TokenThenCallListsUsers) {
  ProcessResult r = run({"token", "--scope", "read write"}, env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("scope          read write"));
  r = run({"call", "/api/users/"}, env());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto users = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(users.is_array()) << r.out;
  bool has_alice = false;
  for (const auto& u : users) has_alice = has_alice || u.value("username", "") == "alice";
  EXPECT_TRUE(has_alice);
  // A scope the token lacks: one sentence, exit 1.
  r = run({"call", "/api/groups/"}, env());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("insufficient_scope"));
}

TEST_F(E2eRefserverTest, CacheFileHasMode0600) {
  std::filesystem::create_directories(dir_ + "/cache");
  std::ofstream(cache()) << "{}";
  std::filesystem::permissions(cache(), std::filesystem::perms(0644));
  const ProcessResult r = run({"token"}, env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(stat(cache().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto c = cached();
  EXPECT_EQ(c["server"], server_->base_url());
  EXPECT_EQ(c["client_id"], "demo-client");
  EXPECT_GT(c["expires_at"].get<long>(), c["obtained_at"].get<long>());
}

TEST_F(E2eRefserverTest, ExpiredCachedTokenIsRefreshedByCall) {
  const auto e = env("short-client", kShortSecret);
  ProcessResult r = run({"token"}, e);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto before = cached();
  EXPECT_LE(before["expires_at"].get<long>() - before["obtained_at"].get<long>(), 3);
  std::this_thread::sleep_for(std::chrono::milliseconds(4500));  // past the 3 s token_ttl
  r = run({"call", "/api/users/"}, e);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("refreshing it first"));
  EXPECT_THAT(r.out, HasSubstr("alice"));
  const auto after = cached();
  EXPECT_NE(after["access_token"], before["access_token"]);
  EXPECT_GT(after["expires_at"].get<long>(), before["expires_at"].get<long>());
}

TEST_F(E2eRefserverTest, RefreshIntrospectRevokeWithExplain) {
  ProcessResult r = run({"token", "--explain"}, env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("> Authorization: Basic ZGVt…"));
  EXPECT_THAT(r.err, HasSubstr("Which RFC says so: RFC 6749 §4.3.3, §5.1."));
  r = run({"refresh", "--explain"}, env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run({"introspect", "--explain"}, env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"active\": true"));                    // the result on stdout
  EXPECT_THAT(r.err, HasSubstr("> POST /oauth/introspect/ HTTP/1.1"));  // the exchange on stderr
  EXPECT_THAT(r.err, HasSubstr("RFC 7662 §2.2"));
  r = run({"revoke", "--access", "--explain"}, env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Revoked the access token"));
  // The access token is gone from the cache; call refreshes it with the refresh token.
  r = run({"call", "/api/users/"}, env());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = run({"revoke"}, env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(cache()));
}

TEST_F(E2eRefserverTest, WrongPasswordIsOneSentence) {
  auto e = env();
  e["OAUTH_PASSWORD"] = "not-the-password";
  const ProcessResult r = run({"token"}, e);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("invalid_grant"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace ock::client::testing
