// `oauth-conformance init`: the subcommand's flags and its wiring (curl transport, survey,
// prompts on a terminal, draft, the file written). CLI only, like main.cc: the logic lives in
// runner/target_survey, runner/init_prompt and runner/profile_draft.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace ock::conformance::cli {

struct InitFlags {
  std::string base_url;
  std::string out = "target.json";
  bool force = false;
  bool no_input = false;
  std::string name;
  std::vector<std::string> endpoints, clients, client_secret_env, client_auth, redirect_uris;
  std::vector<std::string> users, password_env;
  std::vector<std::string> resources, resource_scopes, resource_json;
  std::string scope;
  bool scope_given = false;
  std::vector<std::string> supported_scopes;
  std::string denied_scope;
  std::vector<std::string> grants, login, timing;
  bool allow_destructive = false;
  std::string logs_command, ca_file;
  bool insecure = false;
  std::vector<std::string> literal_secrets;  // --client-secret / --password: refused
};

// Registers `init` and its flags on app; returns the subcommand.
CLI::App* add_init_command(CLI::App& app, InitFlags& flags);
// Runs it: 0 when the profile was written, 2 with one sentence on stderr otherwise.
int run_init(const InitFlags& flags);

}  // namespace ock::conformance::cli
