// oauth-client: the teaching OAuth 2.0 client. This file only reads the command line and hands
// over to the subcommands (commands.h) or the narrated walkthroughs (walkthrough.h,
// code_walkthrough.h).
// Links libcurl, nlohmann_json, CLI11 and libcrypto only; nothing from reference-server/ or conformance/.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <string>

#include "client/code_walkthrough.h"
#include "client/commands.h"
#include "client/http_client.h"
#include "client/session.h"
#include "client/token_cache.h"
#include "client/walkthrough.h"

namespace {

using ock::client::Options;

constexpr char kDefaultServer[] = "http://127.0.0.1:8000";

// Flags every subcommand takes: where the server is and how to reach it.
void add_server_flags(CLI::App& app, Options& o) {
  app.add_option("--server", o.server.base_url,
                 "Base URL of the OAuth server (env OAUTH_SERVER, default " +
                     std::string(kDefaultServer) + ")");
  app.add_option("--token-path", o.server.token_path, "Token endpoint path")->capture_default_str();
  app.add_option("--revocation-path", o.server.revocation_path,
                 "Revocation endpoint path (RFC 7009)")
      ->capture_default_str();
  app.add_option("--introspection-path", o.server.introspection_path,
                 "Introspection endpoint path (RFC 7662)")
      ->capture_default_str();
  app.add_option("--cacert", o.tls.ca_file, "Trust this PEM file for https servers")
      ->check(CLI::ExistingFile);
  app.add_flag("--insecure", o.tls.insecure, "Skip TLS certificate checks (testing only)");
  app.add_option("--client-secret-file", o.client_secret_file,
                 "Read the client secret from this file (else env OAUTH_CLIENT_SECRET, else a "
                 "prompt)");
  app.add_flag("--explain", o.explain,
               "Print each HTTP exchange (secrets masked) and what it means, on stderr");
}

void add_user_flags(CLI::App& app, Options& o) {
  app.add_option("--client-id", o.client_id, "Client id (env OAUTH_CLIENT_ID)");
  app.add_option("--username", o.username, "Resource owner's username (env OAUTH_USERNAME)");
  app.add_option("--password-file", o.password_file,
                 "Read the password from this file (else env OAUTH_PASSWORD, else a prompt)");
}

}  // namespace

int main(int argc, char** argv) {
  ock::client::CurlGlobal curl;
  Options o;
  o.server.base_url.clear();  // empty until a flag, OAUTH_SERVER or the default fills it
  CLI::App app{
      "oauth-client: a teaching OAuth 2.0 client (password grant, refresh, "
      "revocation, introspection; the code flow with PKCE in walkthrough --flow code). Secrets come from OAUTH_CLIENT_SECRET / "
      "OAUTH_PASSWORD, files or a prompt, never from flags.",
      "oauth-client"};
  app.set_version_flag("--version", std::string("oauth-client ") + OCK_VERSION);
  app.require_subcommand(1);

  auto* token = app.add_subcommand("token", "Get a token with the password grant and cache it");
  add_server_flags(*token, o);
  add_user_flags(*token, o);
  token->add_option("--scope", o.scope, "Scopes to ask for, space-separated (e.g. \"read write\")");

  auto* call = app.add_subcommand("call",
                                  "Call the API with the cached token (refreshed when "
                                  "expired)");
  add_server_flags(*call, o);
  call->add_option("--method", o.method, "HTTP method")->capture_default_str();
  call->add_option("--json", o.json_body, "JSON request body");
  call->add_option("PATH", o.path, "Path (e.g. /api/users/) or absolute URL")->required();

  auto* refresh = app.add_subcommand("refresh", "Refresh the cached token (RFC 6749 §6)");
  add_server_flags(*refresh, o);

  auto* revoke = app.add_subcommand("revoke", "Revoke the cached refresh token (RFC 7009)");
  add_server_flags(*revoke, o);
  revoke->add_flag("--access", o.use_access, "Revoke the access token instead");

  auto* introspect = app.add_subcommand("introspect",
                                        "Introspect the cached access token "
                                        "(RFC 7662)");
  add_server_flags(*introspect, o);
  introspect->add_flag("--refresh", o.use_refresh, "Introspect the refresh token instead");

  auto* walk = app.add_subcommand("walkthrough",
                                  "The tutorial's whole flow, step by step, "
                                  "every exchange explained");
  add_server_flags(*walk, o);
  add_user_flags(*walk, o);
  walk->add_option("--scope", o.scope, "Scopes to ask for in the first token request");
  walk->add_option("--users-path", o.users_path,
                   "API path that lists (GET, scope read) and "
                   "creates (POST, scope write) users")
      ->capture_default_str();
  walk->add_flag("--no-pause", o.no_pause, "Do not wait for Enter between steps");
  walk->add_option("--flow", o.flow,
                   "password: the tutorial's password grant; code: the authorization code "
                   "grant with PKCE and a loopback redirect (RFC 8252)")
      ->check(CLI::IsMember({"password", "code"}))
      ->capture_default_str();
  walk->add_option("--authorization-path", o.server.authorization_path,
                   "Authorization endpoint path (--flow code)")
      ->capture_default_str();
  walk->add_option("--redirect-uri", o.redirect_uri,
                   "Registered loopback redirect URI, http://127.0.0.1[:port]/path; without a "
                   "port, a free one is picked (--flow code)")
      ->capture_default_str();
  walk->add_flag("--public", o.public_client,
                 "The client is public: no secret, PKCE alone protects the code (--flow code)");
  walk->add_option("--wait", o.wait_s, "Seconds to wait for the browser's redirect (--flow code)")
      ->capture_default_str();
  walk->add_flag("--login-form", o.login_form,
                 "Play the browser: fill the server's login form as --username with the "
                 "password (OAUTH_PASSWORD, --password-file) and approve consent; for tests "
                 "and --no-pause runs (--flow code)");
  walk->add_option("--username-field", o.username_field, "Login form's username field")
      ->capture_default_str();
  walk->add_option("--password-field", o.password_field, "Login form's password field")
      ->capture_default_str();
  walk->add_option("--consent-field", o.consent_field,
                   "Consent form's approving field (e.g. allow), when the server asks");
  walk->add_option("--consent-value", o.consent_value,
                   "Value sent in --consent-field (default: the page's own)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "oauth-client: " << e.what() << " (see oauth-client --help).\n";
    return ock::client::kExitUsage;
  }

  // The environment fills what the flags left empty. (Done here rather than with CLI11's
  // envname, because the subcommands share these variables.)
  const auto from_env = [](std::string& value, const char* name) {
    const char* env = std::getenv(name);
    if (value.empty() && env != nullptr) value = env;
  };
  from_env(o.server.base_url, "OAUTH_SERVER");
  from_env(o.client_id, "OAUTH_CLIENT_ID");
  from_env(o.username, "OAUTH_USERNAME");
  o.server_given = !o.server.base_url.empty();
  if (o.server.base_url.empty()) o.server.base_url = kDefaultServer;
  while (o.server.base_url.size() > 1 && o.server.base_url.back() == '/') {
    o.server.base_url.pop_back();
  }
  if (o.server.base_url.rfind("http://", 0) != 0 && o.server.base_url.rfind("https://", 0) != 0) {
    std::cerr << "oauth-client: --server \"" << o.server.base_url
              << "\" is not an http:// or https:// URL.\n";
    return ock::client::kExitUsage;
  }
  o.cache_file = ock::client::default_cache_path();

  if (walk->parsed()) {
    ock::client::Session session(o, std::cout, std::cerr, /*explain_to_out=*/true);
    if (o.flow == "code") return ock::client::run_code_walkthrough(session);
    return ock::client::run_walkthrough(session);
  }
  ock::client::Session session(o, std::cout, std::cerr);
  if (token->parsed()) return ock::client::run_token(session);
  if (call->parsed()) return ock::client::run_call(session);
  if (refresh->parsed()) return ock::client::run_refresh(session);
  if (revoke->parsed()) return ock::client::run_revoke(session);
  return ock::client::run_introspect(session);
}
