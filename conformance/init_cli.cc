#include "conformance/init_cli.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "conformance/catalog/catalog.h"
#include "conformance/engine/sleeper.h"
#include "conformance/runner/init_prompt.h"
#include "conformance/runner/profile_draft.h"
#include "conformance/runner/target_survey.h"
#include "conformance/transport/curl_transport.h"

namespace ock::conformance::cli {
namespace {

using runner::InitAnswers;

int fail_with(const std::string& message) {
  std::cerr << "oauth-conformance: init: " << message << "\n";
  return 2;
}

bool is_role(const std::string& role) {
  return !role.empty() && std::all_of(role.begin(), role.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

template <std::size_t N>
bool listed(const char* const (&list)[N], const std::string& v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

// Walks NAME=VALUE flags; stops at the first error.
class Assignments {
 public:
  explicit Assignments(std::string& error) : error_(error) {}
  template <class F>
  void each(const char* flag, const std::vector<std::string>& values, F f) {
    for (const auto& v : values) {
      if (!error_.empty()) return;
      auto kv = runner::split_assignment(flag, v);
      if (!kv) {
        error_ = kv.error();
        return;
      }
      if (auto e = f(kv->first, kv->second); !e.empty()) error_ = std::string(flag) + " " + e;
    }
  }

 private:
  std::string& error_;
};

std::string default_name(const std::string& base_url) {
  auto start = base_url.find("://") + 3;
  std::string host = base_url.substr(start, base_url.find('/', start) - start);
  for (auto& c : host) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') c = '-';
  }
  return host;
}

Result<InitAnswers, std::string> answers_from(const InitFlags& f, const std::string& base_url) {
  InitAnswers a;
  a.base_url = base_url;
  a.name = f.name.empty() ? default_name(base_url) : f.name;
  std::string error;
  Assignments as(error);
  as.each("--endpoint", f.endpoints, [&](const std::string& k, const std::string& v) {
    if (!listed(runner::kEndpointNames, k))
      return k + ": not token, revocation, introspection, authorization or metadata";
    a.endpoints[k] = v;
    return std::string();
  });
  as.each("--client", f.clients, [&](const std::string& role, const std::string& id) {
    if (!is_role(role)) return role + ": a role is lower case letters, digits and _";
    if (!listed(runner::kClientRoles, role))
      std::cerr << "oauth-conformance: init: warning: clients." << role
                << " is not a role the catalog uses\n";
    a.clients[role].id = id;
    return std::string();
  });
  auto client = [&](const std::string& role) -> runner::ClientAnswer* {
    auto it = a.clients.find(role);
    return it == a.clients.end() ? nullptr : &it->second;
  };
  as.each("--client-secret-env", f.client_secret_env,
          [&](const std::string& role, const std::string& env) {
            if (!client(role)) return role + ": no --client " + role + "=ID";
            if (!runner::is_env_name(env)) return role + ": \"" + env + "\" is not a variable name";
            client(role)->secret_env = env;
            return std::string();
          });
  as.each("--client-auth", f.client_auth, [&](const std::string& role, const std::string& m) {
    if (!client(role)) return role + ": no --client " + role + "=ID";
    client(role)->auth_method = m;  // the parser names a bad value
    return std::string();
  });
  as.each("--redirect-uri", f.redirect_uris, [&](const std::string& role, const std::string& u) {
    if (!client(role)) return role + ": no --client " + role + "=ID";
    client(role)->redirect_uri = u;
    return std::string();
  });
  as.each("--user", f.users, [&](const std::string& role, const std::string& name) {
    if (!is_role(role)) return role + ": a role is lower case letters, digits and _";
    if (!listed(runner::kUserRoles, role))
      std::cerr << "oauth-conformance: init: warning: users." << role
                << " is not a role the catalog uses\n";
    a.users[role].username = name;
    return std::string();
  });
  as.each("--password-env", f.password_env, [&](const std::string& role, const std::string& env) {
    auto it = a.users.find(role);
    if (it == a.users.end()) return role + ": no --user " + role + "=USERNAME";
    if (!runner::is_env_name(env)) return role + ": \"" + env + "\" is not a variable name";
    it->second.password_env = env;
    return std::string();
  });
  as.each("--resource", f.resources, [&](const std::string& name, const std::string& spec) {
    auto r = runner::parse_resource(name, spec);
    if (!r) return r.error().substr(std::string("--resource ").size());
    a.resources.push_back(*r);
    return std::string();
  });
  auto resource = [&](const std::string& name) -> runner::ResourceAnswer* {
    for (auto& r : a.resources)
      if (r.name == name) return &r;
    return nullptr;
  };
  as.each("--resource-scope", f.resource_scopes, [&](const std::string& n, const std::string& s) {
    if (!resource(n)) return n + ": no --resource " + n + "=METHOD:/path";
    resource(n)->requires_scope = s;
    return std::string();
  });
  as.each("--resource-json", f.resource_json, [&](const std::string& n, const std::string& j) {
    if (!resource(n)) return n + ": no --resource " + n + "=METHOD:/path";
    resource(n)->json = j;
    return std::string();
  });
  as.each("--login", f.login, [&](const std::string& k, const std::string& v) {
    a.login.push_back({k, v});
    return std::string();
  });
  as.each("--timing", f.timing, [&](const std::string& k, const std::string& v) {
    if (v.size() > 8 ||
        !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return k + ": \"" + v + "\" is not a number of seconds";
    a.timing.push_back({k, std::stoi(v)});
    return std::string();
  });
  if (!error.empty()) return fail(error);
  if (f.scope_given) a.scope_request = f.scope;
  a.scopes_supported = f.supported_scopes;
  a.scope_denied = f.denied_scope;
  a.grants = f.grants;
  a.allow_destructive = f.allow_destructive;
  a.logs_command = f.logs_command;
  a.ca_file = f.ca_file;
  a.insecure = f.insecure;
  return a;
}

bool write_profile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

}  // namespace

CLI::App* add_init_command(CLI::App& app, InitFlags& f) {
  auto* c = app.add_subcommand(
      "init",
      "write a first target profile for a server: reads its metadata or probes the usual "
      "paths, asks (on a terminal) or takes flags for the rest");
  c->add_option("--base-url", f.base_url, "the server's base URL (http:// or https://)")
      ->required();
  c->add_option("--out", f.out, "the profile to write (default target.json; - = stdout)");
  c->add_flag("--force", f.force, "overwrite --out when it exists");
  c->add_flag("--no-input", f.no_input, "never ask, even on a terminal");
  c->add_option("--name", f.name, "the target's name (default: the host of --base-url)");
  c->add_option("--endpoint", f.endpoints,
                "NAME=PATH: token, revocation, introspection, authorization or metadata; "
                "overrides what was found (repeatable)");
  c->add_option("--client", f.clients,
                "ROLE=ID: a client (primary, second, no_password_grant, special_chars, "
                "short_lived, post, throwaway, code, code_second, public) (repeatable)");
  c->add_option("--client-secret-env", f.client_secret_env,
                "ROLE=NAME: the environment variable holding that client's secret (default "
                "OCK_CLIENT_<ROLE>_SECRET)");
  c->add_option("--client-auth", f.client_auth,
                "ROLE=METHOD: client_secret_basic, client_secret_post or none");
  c->add_option("--redirect-uri", f.redirect_uris, "ROLE=URI: a redirect URI registered for it");
  c->add_option("--user", f.users, "ROLE=USERNAME: a user (primary, second, utf8, victim)");
  c->add_option("--password-env", f.password_env,
                "ROLE=NAME: the environment variable holding that user's password (default "
                "OCK_USER_<ROLE>_PASSWORD)");
  c->add_option("--resource", f.resources,
                "NAME=METHOD:/path: a protected resource (the first without a scope is the "
                "ordinary one)");
  c->add_option("--resource-scope", f.resource_scopes, "NAME=SCOPE: the scope it requires");
  c->add_option("--resource-json", f.resource_json, "NAME=JSON: its request body");
  c->add_option("--scope", f.scope, "the scope ordinary cases request (\"\" = none)")
      ->each([&f](const std::string&) { f.scope_given = true; });
  c->add_option("--supported-scope", f.supported_scopes,
                "a scope value the server defines (default: the metadata's scopes_supported)");
  c->add_option("--denied-scope", f.denied_scope, "a scope value the clients may not obtain");
  c->add_option("--grant", f.grants,
                "a grant type offered (default: the metadata's grant_types_supported)");
  c->add_option("--login", f.login,
                "KEY=VALUE: the login recipe (username_field, password_field, consent_field, "
                "consent_value, deny_value, or command)");
  c->add_option("--timing", f.timing, "KEY=SECONDS: max_wait_s, leeway_s, ... (docs/profile.md)");
  c->add_flag("--allow-destructive", f.allow_destructive,
              "opt in to the cases that lock accounts or leak a throwaway secret");
  c->add_option("--logs-command", f.logs_command, "a command printing the target's log");
  c->add_option("--ca-file", f.ca_file, "PEM bundle that signs the target's certificate");
  c->add_flag("--insecure", f.insecure, "do not verify TLS certificates");
  c->add_option("--client-secret,--password", f.literal_secrets,
                "refused: secrets are never written; use --client-secret-env / --password-env");
  return c;
}

int run_init(const InitFlags& f) {
  if (!f.literal_secrets.empty())
    return fail_with(
        "secrets are never written into a profile: export the secret in an environment "
        "variable and pass --client-secret-env ROLE=NAME or --password-env ROLE=NAME");
  auto base = runner::normalize_base_url(f.base_url);
  if (!base) return fail_with(base.error());
  auto answers = answers_from(f, *base);
  if (!answers) return fail_with(answers.error());
  const bool to_stdout = f.out == "-";
  std::error_code ec;
  if (!to_stdout && !f.force && std::filesystem::exists(f.out, ec))
    return fail_with("--out: " + f.out + " exists; pass --force to overwrite it");

  const bool ca_usable = !f.ca_file.empty() && f.ca_file.find("${") == std::string::npos;
  transport::CurlTransport transport({.ca_file = ca_usable ? f.ca_file : "",
                                      .insecure = f.insecure,
                                      .connect_timeout = std::chrono::milliseconds(5000),
                                      .total_timeout = std::chrono::milliseconds(15000),
                                      .max_body = 256 * 1024});
  runner::SurveyOptions survey{.base_url = *base, .given = answers->endpoints};
  auto found = runner::survey_target(transport, survey);
  if (!found) return fail_with(found.error());

  if (!f.no_input && ::isatty(STDIN_FILENO) == 1)
    runner::ask_missing(*answers, *found, std::cin, std::cerr);
  if (!answers->clients.contains("primary"))
    return fail_with(
        "a profile needs clients.primary: give --client primary=ID (its secret "
        "goes in an environment variable: --client-secret-env primary=NAME)");
  if (answers->resources.empty())
    return fail_with(
        "a profile needs a protected resource: give --resource "
        "NAME=METHOD:/path (e.g. --resource users=GET:/api/users/)");

  auto catalog = catalog::build_catalog();
  auto draft = runner::draft_profile(*answers, *found, catalog, engine::utc_now("%Y-%m-%d"));
  if (!draft) return fail_with("the profile would not be valid: " + draft.error());
  if (to_stdout) {
    std::cout << draft->text << std::flush;
  } else if (!write_profile(f.out, draft->text)) {
    return fail_with("cannot write " + f.out);
  }
  std::ostream& say = to_stdout ? std::cerr : std::cout;
  say << "wrote " << (to_stdout ? std::string("the profile") : f.out) << " for \"" << answers->name
      << "\": " << draft->cases - draft->skipped << " of " << draft->cases
      << " cases can run as far as the profile goes; its comment lists what each missing "
         "item would unlock\n";
  std::set<std::string> unset;
  for (const auto& [env, field] : draft->env_to_set) {
    if (std::getenv(env.c_str()) == nullptr && unset.insert(env).second)
      say << "  export " << env << " (" << field << ") before validate or run\n";
  }
  return 0;
}

}  // namespace ock::conformance::cli
