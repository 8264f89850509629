// The tutorial's flow against the real server (in C++ and with the tutorial's own example
// client), the token endpoint's caching headers, the access log's discretion, the open-file limit
// and a clean stop.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "reference-server/tests/e2e/e2e_support.h"

namespace ock::server::e2e {
namespace {

using nlohmann::json;

json demo_seed_json() { return json::parse(read_file(demo_seed())); }

testing::AssertionResult is_no_store(const HttpResponse& r) {
  bool no_store = false;
  for (const auto& v : r.header_values("Cache-Control")) {
    if (v.find("no-store") != std::string::npos) no_store = true;
  }
  bool no_cache = false;
  for (const auto& v : r.header_values("Pragma")) {
    if (v.find("no-cache") != std::string::npos) no_cache = true;
  }
  if (!no_store || !no_cache) {
    return testing::AssertionFailure()
           << "missing Cache-Control: no-store / Pragma: no-cache in " << r.describe();
  }
  return testing::AssertionSuccess();
}

class TutorialFlowTest : public ServerTest {};

TEST_F(TutorialFlowTest, PasswordGrantThenListUsers) {
  ASSERT_TRUE(start_server());
  auto token = password_grant(server_, kAlice, kAlicePassword);
  ASSERT_TRUE(is_token_success(token));
  auto body = json_of(token);
  EXPECT_GT(body.value("expires_in", 0), 0);
  EXPECT_TRUE(body.contains("refresh_token")) << token.describe();

  auto users = list_users(server_, body["access_token"].get<std::string>());
  ASSERT_EQ(users.status, 200) << users.describe();
  auto list = json_of(users);
  ASSERT_TRUE(list.is_array()) << users.describe();

  std::map<std::string, json> by_name;
  for (const auto& u : list) {
    ASSERT_TRUE(u.is_object()) << u.dump();
    std::set<std::string> keys;
    for (const auto& [k, v] : u.items()) keys.insert(k);
    EXPECT_EQ(keys, (std::set<std::string>{"id", "username", "email", "first_name", "last_name"}))
        << u.dump();
    EXPECT_TRUE(u["id"].is_number_integer()) << u.dump();
    by_name[u.value("username", "")] = u;
  }
  const json seed = demo_seed_json();
  ASSERT_EQ(by_name.size(), seed["users"].size()) << list.dump();
  for (const auto& s : seed["users"]) {
    const std::string name = s["username"];
    ASSERT_TRUE(by_name.count(name)) << name << " missing from " << list.dump();
    EXPECT_EQ(by_name[name]["email"], s["email"]) << name;
    EXPECT_EQ(by_name[name]["first_name"], s["first_name"]) << name;
    EXPECT_EQ(by_name[name]["last_name"], s["last_name"]) << name;
  }
}

TEST_F(TutorialFlowTest, BasicCredentialsAreFormUrlEncoded) {
  // RFC 6749 §2.3.1: id and secret are form-urlencoded before base64; this client has
  // reserved characters in both.
  ASSERT_TRUE(start_server());
  auto token =
      password_grant(server_, kAlice, kAlicePassword, "special:client+1/%= x", "s3cret:+/%= &x");
  ASSERT_TRUE(is_token_success(token));
  auto users = list_users(server_, json_of(token)["access_token"].get<std::string>());
  EXPECT_EQ(users.status, 200) << users.describe();
}

TEST_F(TutorialFlowTest, TutorialExampleScriptListsUsers) {
  ASSERT_TRUE(start_server());
  const std::string script = source_dir() + "/reference-server/tests/e2e/tutorial_example.py";
  // The script needs only the standard library. Debian's own interpreter starts fastest (a
  // python3 shim earlier on PATH can take seconds); any python3 will do.
  const std::string python =
      std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  auto run = run_command({python, script}, std::chrono::seconds(60),
                         {"OCK_E2E_BASE_URL=" + server_.base_url(), "OCK_E2E_CLIENT_ID=demo-client",
                          "OCK_E2E_CLIENT_SECRET=demo-secret-1", "OCK_E2E_USERNAME=alice",
                          "OCK_E2E_PASSWORD=alice-password-1"});
  ASSERT_TRUE(run.status.exited && run.status.code == 0) << run.status.describe() << "\nstdout:\n"
                                                         << run.out << "\nstderr:\n"
                                                         << run.err;
  auto marker = run.out.find("API Response:\n");
  ASSERT_NE(marker, std::string::npos) << run.out;
  auto printed = json::parse(run.out.substr(marker + 14), nullptr, false);
  ASSERT_TRUE(printed.is_array()) << run.out;
  std::set<std::string> names;
  for (const auto& u : printed) names.insert(u.value("username", ""));
  // Named: a range-for over demo_seed_json()["users"] walks a destroyed temporary (C++20).
  const json seed = demo_seed_json();
  for (const auto& s : seed["users"]) {
    EXPECT_TRUE(names.count(s["username"].get<std::string>())) << s["username"] << "\n" << run.out;
  }
}

class TokenEndpointHeadersTest : public ServerTest {};

TEST_F(TokenEndpointHeadersTest, SuccessesAreNoStore) {
  ASSERT_TRUE(start_server());
  auto pw = password_grant(server_, kAlice, kAlicePassword);
  ASSERT_TRUE(is_token_success(pw));
  EXPECT_TRUE(is_no_store(pw));

  auto refreshed = refresh_grant(server_, json_of(pw)["refresh_token"].get<std::string>());
  ASSERT_TRUE(is_token_success(refreshed));
  EXPECT_TRUE(is_no_store(refreshed));

  auto cc = post_form(server_.url("/oauth/token/"), "grant_type=client_credentials",
                      {basic_auth_header(kClientId, kClientSecret)});
  ASSERT_TRUE(is_token_success(cc));
  EXPECT_TRUE(is_no_store(cc));

  auto post_auth =
      post_form(server_.url("/oauth/token/"), form_body({{"grant_type", "password"},
                                                         {"username", kAlice},
                                                         {"password", kAlicePassword},
                                                         {"client_id", "post-client"},
                                                         {"client_secret", "post-secret-1"}}));
  ASSERT_TRUE(is_token_success(post_auth));
  EXPECT_TRUE(is_no_store(post_auth));
}

TEST_F(TokenEndpointHeadersTest, ErrorsAreNoStore) {
  ASSERT_TRUE(start_server());
  const std::string token_url = server_.url("/oauth/token/");
  const std::string basic = basic_auth_header(kClientId, kClientSecret);

  auto wrong_password = password_grant(server_, "bob", "not-bobs-password");
  EXPECT_TRUE(is_oauth_error(wrong_password, 400, "invalid_grant"));
  EXPECT_TRUE(is_no_store(wrong_password));

  auto bad_grant = post_form(token_url, "grant_type=urn%3Aexample%3Anothing", {basic});
  EXPECT_TRUE(is_oauth_error(bad_grant, 400, "unsupported_grant_type"));
  EXPECT_TRUE(is_no_store(bad_grant));

  auto no_grant = post_form(token_url, "username=alice", {basic});
  EXPECT_TRUE(is_oauth_error(no_grant, 400, "invalid_request"));
  EXPECT_TRUE(is_no_store(no_grant));

  auto bad_refresh = refresh_grant(server_, "no-such-refresh-token");
  EXPECT_TRUE(is_oauth_error(bad_refresh, 400, "invalid_grant"));
  EXPECT_TRUE(is_no_store(bad_refresh));

  auto no_pw_grant = post_form(
      token_url,
      form_body({{"grant_type", "password"}, {"username", kAlice}, {"password", kAlicePassword}}),
      {basic_auth_header("machine-client", "machine-secret-1")});
  EXPECT_TRUE(is_oauth_error(no_pw_grant, 400, "unauthorized_client"));
  EXPECT_TRUE(is_no_store(no_pw_grant));

  auto get_token = get(token_url, {basic});
  EXPECT_TRUE(is_oauth_error(get_token, 400, "invalid_request"));
  EXPECT_TRUE(is_no_store(get_token));

  auto no_auth = post_form(
      token_url,
      form_body({{"grant_type", "password"}, {"username", kAlice}, {"password", kAlicePassword}}));
  EXPECT_EQ(no_auth.status, 401) << no_auth.describe();
  EXPECT_TRUE(is_no_store(no_auth));
}

TEST_F(TokenEndpointHeadersTest, FailedBasicAuthGets401WithBasicChallenge) {
  ASSERT_TRUE(start_server());
  for (const auto& [id, secret] : std::vector<std::pair<std::string, std::string>>{
           {kClientId, "wrong-secret"}, {"no-such-client", "whatever"}}) {
    auto r = password_grant(server_, kAlice, kAlicePassword, id, secret);
    EXPECT_TRUE(is_oauth_error(r, 401, "invalid_client")) << id;
    EXPECT_TRUE(is_no_store(r)) << id;
    auto challenges = r.header_values("WWW-Authenticate");
    ASSERT_EQ(challenges.size(), 1u) << r.describe();
    EXPECT_EQ(challenges[0].rfind("Basic realm=", 0), 0u) << challenges[0];
  }
}

class AccessLogTest : public ServerTest {};

TEST_F(AccessLogTest, NoSecretInLog) {
  ASSERT_TRUE(start_server());
  std::vector<std::string> secrets = {kClientSecret, kAlicePassword, "post-secret-1",
                                      "wrong-password-77",
                                      base64(std::string(kClientId) + ":" + kClientSecret)};

  auto pw = password_grant(server_, kAlice, kAlicePassword);
  ASSERT_TRUE(is_token_success(pw));
  const std::string access = json_of(pw)["access_token"].get<std::string>();
  const std::string refresh = json_of(pw)["refresh_token"].get<std::string>();
  secrets.push_back(access);
  secrets.push_back(refresh);

  auto refreshed = refresh_grant(server_, refresh);
  ASSERT_TRUE(is_token_success(refreshed));
  secrets.push_back(json_of(refreshed)["access_token"].get<std::string>());
  secrets.push_back(json_of(refreshed)["refresh_token"].get<std::string>());

  EXPECT_EQ(list_users(server_, access).status, 200);
  // A token in the query (refused) and in a form body must not reach the log either.
  get(server_.url("/api/users/?access_token=" + access));
  auto post_login =
      post_form(server_.url("/oauth/token/"), form_body({{"grant_type", "password"},
                                                         {"username", kAlice},
                                                         {"password", kAlicePassword},
                                                         {"client_id", "post-client"},
                                                         {"client_secret", "post-secret-1"}}));
  ASSERT_TRUE(is_token_success(post_login));
  secrets.push_back(json_of(post_login)["access_token"].get<std::string>());
  password_grant(server_, kAlice, "wrong-password-77");
  auto intro = post_form(server_.url("/oauth/introspect/"), "token=" + access,
                         {basic_auth_header(kClientId, kClientSecret)});
  EXPECT_EQ(intro.status, 200) << intro.describe();
  auto revoke = post_form(server_.url("/oauth/revoke_token/"), "token=" + access,
                          {basic_auth_header(kClientId, kClientSecret)});
  EXPECT_EQ(revoke.status, 200) << revoke.describe();

  ASSERT_TRUE(server_.stop(SIGTERM).exited);
  const std::string log = server_.stderr_text() + server_.stdout_text();
  EXPECT_NE(log.find("/oauth/token/"), std::string::npos) << "expected an access log:\n" << log;
  for (const auto& s : secrets) {
    EXPECT_EQ(log.find(s), std::string::npos) << "secret " << s.substr(0, 4) << "… is in the log:\n"
                                              << log;
  }
}

// Issue 8 (9): the soft limit on open files stayed at 1,024, so a few hundred idle clients
// (each a descriptor, TLS ones more) starved new ones. The server raises it to the hard limit.
class OpenFileLimitTest : public ServerTest {};

std::string soft_open_file_limit_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/limits");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Max open files", 0) == 0) {
      std::istringstream fields(line.substr(std::string("Max open files").size()));
      std::string soft;
      fields >> soft;
      return soft;
    }
  }
  return "";
}

TEST_F(OpenFileLimitTest, SoftLimitIsRaisedToTheHardOne) {
  rlimit mine{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &mine), 0);
  if (mine.rlim_max != RLIM_INFINITY && mine.rlim_max <= 1024)
    GTEST_SKIP() << "the hard limit here is " << mine.rlim_max << ": nothing to raise";
  // The server inherits a soft limit of 1,024, as on a default Debian login.
  rlimit lowered = mine;
  lowered.rlim_cur = 1024;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);
  const bool started = start_server();
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &mine), 0);
  ASSERT_TRUE(started);
  const std::string want =
      mine.rlim_max == RLIM_INFINITY ? "unlimited" : std::to_string(mine.rlim_max);
  EXPECT_EQ(soft_open_file_limit_of(server_.pid()), want);
}

class ShutdownTest : public ServerTest {};

TEST_F(ShutdownTest, SigtermExitsZero) {
  ASSERT_TRUE(start_server());
  ASSERT_TRUE(still_serves(server_));
  auto status = server_.stop(SIGTERM, std::chrono::seconds(5));
  EXPECT_TRUE(status.exited && status.code == 0) << status.describe();
}

TEST_F(ShutdownTest, SigintExitsZero) {
  ASSERT_TRUE(start_server());
  ASSERT_TRUE(still_serves(server_));
  auto status = server_.stop(SIGINT, std::chrono::seconds(5));
  EXPECT_TRUE(status.exited && status.code == 0) << status.describe();
}

TEST_F(ShutdownTest, SigtermWithIdleConnectionOpenExitsZero) {
  ASSERT_TRUE(start_server());
  // A client that connected and sent half a request must not hold the shutdown.
  std::thread idle([port = server_.port()] {
    raw_exchange(port, "POST /oauth/token/ HTTP/1.1\r\nHost: x\r\n", std::chrono::seconds(4));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto status = server_.stop(SIGTERM, std::chrono::seconds(5));
  idle.join();
  EXPECT_TRUE(status.exited && status.code == 0) << status.describe();
}

}  // namespace
}  // namespace ock::server::e2e
