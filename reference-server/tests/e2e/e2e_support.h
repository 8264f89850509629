// End-to-end test support: a gtest fixture owning one temp dir and one oauth-refserver (the
// shared tests/support helpers), and the few OAuth steps the tests repeat (password grant,
// refresh, a Bearer call), written out here from the RFCs rather than borrowed from the
// server's code.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
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

namespace ock::server::e2e {

// The shared test support, by the names these tests use.
using test_support::base64;
using test_support::basic_auth_header;
using test_support::CommandResult;
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

// One temp dir and one server per test.
class ServerTest : public testing::Test {
 protected:
  ServerTest() : server_(dir_.path()) {}
  testing::AssertionResult start_server(const RefServerOptions& options = {});

  TempDir dir_;
  RefServerProcess server_;
};

}  // namespace ock::server::e2e
