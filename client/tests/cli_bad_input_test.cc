// The real oauth-client binary against small misbehaving servers started in the test (POSIX
// sockets on 127.0.0.1): every bad answer or bad input gives one clear sentence on stderr, a
// non-zero exit and no crash. Also checks what the client puts on the wire.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "client/form.h"
#include "client/tests/support/canned_server.h"
#include "client/tests/support/process.h"
#include "tests/support/build_paths.h"
#include "tests/support/temp_dir.h"
#include "client/tests/support/pty_run.h"

namespace ock::client::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kSecret[] = "demo-secret-1";
constexpr char kPassword[] = "alice-password-1";

class CliBadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = test_support::program_path("oauth-client");
    struct stat st {};
    ASSERT_EQ(stat(binary_.c_str(), &st), 0) << "oauth-client not built: " << binary_;
    dir_ = test_support::make_temp_dir("oauth-client-test");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::map<std::string, std::string> env(const std::string& server) const {
    return {{"OAUTH_SERVER", server},
            {"OAUTH_CLIENT_ID", "demo-client"},
            {"OAUTH_USERNAME", "alice"},
            {"OAUTH_CLIENT_SECRET", kSecret},
            {"OAUTH_PASSWORD", kPassword},
            {"OAUTH_CLIENT_CACHE", cache()},
            {"HOME", dir_}};
  }
  std::string cache() const { return dir_ + "/cache/token.json"; }

  ProcessResult run(std::vector<std::string> args, const std::map<std::string, std::string>& e) {
    args.insert(args.begin(), binary_);
    return run_process(args, e);
  }

  // One line, "oauth-client: ...", ending with a full stop; and no secret in it.
  static void expect_one_sentence(const ProcessResult& r) {
    EXPECT_THAT(r.err, StartsWith("oauth-client: "));
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_THAT(r.err, ::testing::EndsWith(".\n"));
    EXPECT_THAT(r.err, Not(HasSubstr("terminate")));
    EXPECT_THAT(r.err + r.out, Not(HasSubstr(kSecret)));
    EXPECT_THAT(r.err + r.out, Not(HasSubstr(kPassword)));
  }

  void write_cache(const std::string& server, const std::string& refresh) {
    std::filesystem::create_directories(dir_ + "/cache");
    std::ofstream(cache()) << R"({"server":")" << server
                           << R"(","client_id":"demo-client","username":"alice",)"
                           << R"("access_token":"cached-access-0123456789","refresh_token":")"
                           << refresh << R"(","token_type":"Bearer","obtained_at":1,)"
                           << R"("expires_at":0})";
  }

  std::string binary_;
  std::string dir_;
};

TEST_F(CliBadInputTest, UnreachableServerIsOneSentenceAndExit3) {
  const std::string server = "http://127.0.0.1:" + std::to_string(closed_port());
  const ProcessResult r = run({"token"}, env(server));
  EXPECT_EQ(r.exit_code, 3);
  expect_one_sentence(r);
  EXPECT_THAT(r.err, HasSubstr("Could not reach " + server + "/oauth/token/"));
  EXPECT_THAT(r.err, HasSubstr("check that the server is running"));
}

TEST_F(CliBadInputTest, NonJsonTokenAnswerIsRefused) {
  CannedServer server([](const CannedRequest&) {
    return http_response(200, "OK", "text/plain", "hello, I am not an OAuth server");
  });
  const ProcessResult r = run({"token"}, env(server.base_url()));
  EXPECT_EQ(r.exit_code, 1);
  expect_one_sentence(r);
  EXPECT_THAT(r.err, HasSubstr("not a JSON object"));
  EXPECT_FALSE(std::filesystem::exists(cache()));
}

TEST_F(CliBadInputTest, HtmlErrorPageIsReportedAsServerFailure) {
  CannedServer server([](const CannedRequest&) {
    return http_response(500, "Internal Server Error", "text/html",
                         "<html><body><h1>Server Error (500)</h1></body></html>");
  });
  const ProcessResult r = run({"token"}, env(server.base_url()));
  EXPECT_EQ(r.exit_code, 1);
  expect_one_sentence(r);
  EXPECT_THAT(r.err, HasSubstr("500 with an HTML error page"));
  EXPECT_THAT(r.err, HasSubstr("server's log"));
}

TEST_F(CliBadInputTest, WrongCredentialsExplainInvalidClient) {
  CannedServer server([](const CannedRequest&) {
    return http_response(401, "Unauthorized", "application/json",
                         R"({"error":"invalid_client","error_description":"client auth failed"})",
                         "WWW-Authenticate: Basic realm=\"oauth\"\r\n");
  });
  const ProcessResult r = run({"token"}, env(server.base_url()));
  EXPECT_EQ(r.exit_code, 1);
  expect_one_sentence(r);
  EXPECT_THAT(r.err, HasSubstr("401 invalid_client"));
  EXPECT_THAT(r.err, HasSubstr("form-encoded before the Basic encoding"));
}

TEST_F(CliBadInputTest, TokenRequestIsAPasswordGrantWithFormEncodedBasicAuth) {
  CannedServer server([](const CannedRequest&) {
    return http_response(400, "Bad Request", "application/json", R"({"error":"invalid_grant"})");
  });
  auto e = env(server.base_url());
  e["OAUTH_CLIENT_ID"] = "a b:c";
  e["OAUTH_PASSWORD"] = "p&w=1 x";
  const ProcessResult r = run({"token", "--scope", "read write"}, e);
  EXPECT_EQ(r.exit_code, 1);
  expect_one_sentence(r);
  EXPECT_THAT(r.err, HasSubstr("username or password is wrong"));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/oauth/token/");
  EXPECT_EQ(requests[0].header("Authorization"), "Basic " + base64_encode("a+b%3Ac:demo-secret-1"));
  EXPECT_THAT(requests[0].header("Content-Type"), StartsWith("application/x-www-form-urlencoded"));
  EXPECT_EQ(requests[0].body,
            "grant_type=password&username=alice&password=p%26w%3D1+x&scope=read+write");
}

TEST_F(CliBadInputTest, MissingSecretWithoutTerminalIsOneSentence) {
  auto e = env("http://127.0.0.1:1");
  e.erase("OAUTH_CLIENT_SECRET");
  const ProcessResult r = run({"token"}, e);
  EXPECT_EQ(r.exit_code, 2);
  expect_one_sentence(r);
  EXPECT_THAT(r.err, HasSubstr("OAUTH_CLIENT_SECRET"));
  EXPECT_THAT(r.err, HasSubstr("--client-secret-file"));
}

TEST_F(CliBadInputTest, SecretsAreReadFromFiles) {
  CannedServer server([](const CannedRequest&) {
    return http_response(400, "Bad Request", "application/json", R"({"error":"invalid_grant"})");
  });
  auto e = env(server.base_url());
  e.erase("OAUTH_CLIENT_SECRET");
  e.erase("OAUTH_PASSWORD");
  std::ofstream(dir_ + "/secret") << "file-secret-9\n";
  std::ofstream(dir_ + "/password") << "file-password-9\n";
  const ProcessResult r = run(
      {"token", "--client-secret-file", dir_ + "/secret", "--password-file", dir_ + "/password"},
      e);
  EXPECT_EQ(r.exit_code, 1);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].header("Authorization"),
            "Basic " + base64_encode("demo-client:file-secret-9"));
  EXPECT_THAT(server.requests()[0].body, HasSubstr("password=file-password-9"));
}

TEST_F(CliBadInputTest, CallWithoutCachedTokenIsOneSentence) {
  const ProcessResult r = run({"call", "/api/users/"}, env("http://127.0.0.1:1"));
  EXPECT_EQ(r.exit_code, 2);
  expect_one_sentence(r);
  EXPECT_THAT(r.err, HasSubstr("run `oauth-client token` first"));
}

TEST_F(CliBadInputTest, BadServerUrlAndUnknownFlagAreOneSentence) {
  ProcessResult r = run({"token", "--server", "ftp://x"}, env("http://127.0.0.1:1"));
  EXPECT_EQ(r.exit_code, 2);
  expect_one_sentence(r);
  r = run({"call", "--bogus", "/x"}, env("http://127.0.0.1:1"));
  EXPECT_EQ(r.exit_code, 2);
  expect_one_sentence(r);
}

TEST_F(CliBadInputTest, Bare401FromTheApiMeansNoToken) {
  CannedServer server([](const CannedRequest&) {
    return http_response(401, "Unauthorized", "application/json", "{}",
                         "WWW-Authenticate: Bearer realm=\"api\"\r\n");
  });
  write_cache(server.base_url(), "");
  const ProcessResult r = run({"call", "/api/users/"}, env(server.base_url()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("no token the API accepts"));
  EXPECT_EQ(server.requests().at(0).header("Authorization"), "Bearer cached-access-0123456789");
}

TEST_F(CliBadInputTest, CallRefusesToSendTheTokenToAnotherHost) {
  CannedServer server(
      [](const CannedRequest&) { return http_response(200, "OK", "application/json", "[]"); });
  write_cache(server.base_url(), "");
  const ProcessResult r =
      run({"call", "http://127.0.0.2:" + std::to_string(server.port()) + "/api/users/"},
          env(server.base_url()));
  EXPECT_EQ(r.exit_code, 2);
  expect_one_sentence(r);
  EXPECT_THAT(r.err, HasSubstr("Refusing to send the token"));
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(CliBadInputTest, InvalidTokenWithRefreshTokenRefreshesAndRetries) {
  int api_calls = 0;
  CannedServer server([&api_calls](const CannedRequest& q) {
    if (q.path == "/oauth/token/") {
      return http_response(200, "OK", "application/json",
                           R"({"access_token":"fresh-access-0123456789","token_type":"Bearer",)"
                           R"("expires_in":60})",
                           "Cache-Control: no-store\r\n");
    }
    if (++api_calls == 1) {
      return http_response(401, "Unauthorized", "application/json", "{}",
                           "WWW-Authenticate: Bearer error=\"invalid_token\"\r\n");
    }
    return http_response(200, "OK", "application/json", R"([{"username":"alice"}])");
  });
  write_cache(server.base_url(), "cached-refresh-0123456789");
  const ProcessResult r = run({"call", "/api/users/"}, env(server.base_url()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("alice"));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].body, "grant_type=refresh_token&refresh_token=cached-refresh-0123456789");
  EXPECT_EQ(requests[2].header("Authorization"), "Bearer fresh-access-0123456789");
  std::ifstream in(cache());
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr("fresh-access-0123456789"));
  EXPECT_THAT(text, HasSubstr("cached-refresh-0123456789"));  // kept: none came back
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("fresh-access-0123456789")));
}

// A server with no refresh tokens and no revocation endpoint: the walkthrough says so, goes
// on, and exits 0.
TEST_F(CliBadInputTest, WalkthroughAdaptsToAServerWithoutOptionalFeatures) {
  CannedServer server([](const CannedRequest& q) {
    if (q.path == "/oauth/token/") {
      return http_response(200, "OK", "application/json",
                           R"({"access_token":"only-access-0123456789","token_type":"Bearer",)"
                           R"("expires_in":3600,"scope":"read"})",
                           "Cache-Control: no-store\r\n");
    }
    if (q.path == "/api/users/" && q.method == "POST") {
      return http_response(403, "Forbidden", "application/json",
                           R"({"error":"insufficient_scope"})",
                           "WWW-Authenticate: Bearer error=\"insufficient_scope\", "
                           "scope=\"write\"\r\n");
    }
    if (q.path == "/api/users/") return http_response(200, "OK", "application/json", "[]");
    return http_response(404, "Not Found", "text/html", "<h1>Not Found</h1>");
  });
  const ProcessResult r = run({"walkthrough", "--no-pause"}, env(server.base_url()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("refresh_token (absent)"));
  EXPECT_THAT(r.out, HasSubstr("Skipped: the server sent no refresh_token"));
  EXPECT_THAT(r.out, HasSubstr("has no revocation endpoint"));
  EXPECT_THAT(r.out, HasSubstr("insufficient_scope"));
  EXPECT_THAT(r.out, HasSubstr("== Done =="));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("only-access-0123456789")));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr(kPassword)));
}

TEST_F(CliBadInputTest, WalkthroughWithoutATokenFails) {
  CannedServer server([](const CannedRequest&) {
    return http_response(401, "Unauthorized", "application/json", R"({"error":"invalid_client"})");
  });
  const ProcessResult r = run({"walkthrough", "--no-pause"}, env(server.base_url()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("Without a token the walkthrough cannot go on."));
  expect_one_sentence(r);
}

TEST_F(CliBadInputTest, ShortPasswordDoesNotGarbleTheMessage) {
  CannedServer server([](const CannedRequest&) {
    return http_response(400, "Bad Request", "application/json",
                         R"({"error":"invalid_grant","error_description":"wrong password"})");
  });
  auto e = env(server.base_url());
  e["OAUTH_PASSWORD"] = "wrong";
  const ProcessResult r = run({"token"}, e);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("the username or password is wrong"));  // prose intact
  EXPECT_THAT(r.err, HasSubstr("(\"w… password\")"));  // the server's echo of it masked
}

// On a terminal, secrets are asked for with echo off, and the walkthrough waits for Enter.
TEST_F(CliBadInputTest, PromptsWithoutEchoOnATerminal) {
  CannedServer server([](const CannedRequest&) {
    return http_response(400, "Bad Request", "application/json", R"({"error":"invalid_grant"})");
  });
  auto e = env(server.base_url());
  e.erase("OAUTH_CLIENT_SECRET");
  e.erase("OAUTH_PASSWORD");
  const PtyResult r = run_on_pty({binary_, "token"}, e,
                                 {{"Client secret for demo-client: ", "typed-secret-77\n"},
                                  {"Password for alice: ", "typed-password-77\n"}});
  EXPECT_FALSE(r.timed_out) << r.transcript;
  EXPECT_EQ(r.exit_code, 1) << r.transcript;
  EXPECT_THAT(r.transcript, Not(HasSubstr("typed-secret-77")));
  EXPECT_THAT(r.transcript, Not(HasSubstr("typed-password-77")));
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].header("Authorization"),
            "Basic " + base64_encode("demo-client:typed-secret-77"));
  EXPECT_THAT(server.requests()[0].body, HasSubstr("password=typed-password-77"));
}

TEST_F(CliBadInputTest, WalkthroughPausesOnATerminalUnlessNoPause) {
  CannedServer server([](const CannedRequest& q) {
    if (q.path == "/oauth/token/") {
      return http_response(200, "OK", "application/json",
                           R"({"access_token":"pty-access-0123456789","token_type":"Bearer"})");
    }
    return http_response(404, "Not Found", "text/plain", "no");
  });
  std::vector<std::pair<std::string, std::string>> enters;
  for (int i = 0; i < 8; ++i) enters.emplace_back("(press Enter for the next step)", "\n");
  PtyResult r = run_on_pty({binary_, "walkthrough"}, env(server.base_url()), enters);
  EXPECT_FALSE(r.timed_out) << r.transcript;
  EXPECT_EQ(r.exit_code, 0) << r.transcript;
  std::size_t pauses = 0;
  for (auto p = r.transcript.find("press Enter"); p != std::string::npos;
       p = r.transcript.find("press Enter", p + 1)) {
    ++pauses;
  }
  EXPECT_EQ(pauses, 8u);
  r = run_on_pty({binary_, "walkthrough", "--no-pause"}, env(server.base_url()), {});
  EXPECT_EQ(r.exit_code, 0) << r.transcript;
  EXPECT_THAT(r.transcript, Not(HasSubstr("press Enter")));
}

TEST_F(CliBadInputTest, HelpAndVersionWork) {
  ProcessResult r = run({"--version"}, {});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, StartsWith("oauth-client "));
  for (const char* sub : {"token", "call", "refresh", "revoke", "introspect", "walkthrough"}) {
    r = run({sub, "--help"}, {});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_THAT(r.out, HasSubstr("--server")) << sub;
  }
}

}  // namespace
}  // namespace ock::client::testing
