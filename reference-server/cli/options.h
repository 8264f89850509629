// oauth-refserver's command line: every subcommand, flag, default and range check (as the
// README documents them) in one place, parsed by CLI11 into plain values. It opens no store and starts
// no server (cli/commands.* act on the values); only it and main.cc see CLI11.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reference-server/core/config.h"
#include "reference-server/core/models.h"
#include "reference-server/http/http_server.h"

namespace ock::server::cli {

enum class Command { kServe, kMigrate, kSeed, kCreateUser, kCreateClient, kListClients };

struct ServeOptions {
  std::string listen = "127.0.0.1:8000";
  std::string seed;
  std::string port_file;
  int purge_interval_s = 60;  // the housekeeping thread's purge cadence
  int purge_retention_s = 0;  // how long expired tokens and sessions are kept before a purge
  ServerConfig config;
  HttpOptions http;  // host and port come from `listen`
};

struct AdminOptions {
  std::string seed_file;
  int seed_iterations = kDefaultPbkdf2Iterations;
  User new_user;
  bool password_stdin = false;
  int user_iterations = kDefaultPbkdf2Iterations;
  std::string client_name;
  std::string client_type = "confidential";
  bool client_public = false;  // --public: the same as --type public
  std::string grants;
  std::string scopes = "read,write,groups";
  std::int64_t client_ttl = 0;  // 0 = the server's default
  std::vector<std::string> redirect_uris;
  bool first_party = false;
};

struct Options {
  Command command = Command::kServe;
  std::string db = "sqlite:oauth.db";
  ServeOptions serve;
  AdminOptions admin;
};

class CommandLine {
 public:
  CommandLine();
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  // Parses argv. Returns the exit code when the program should stop now (after --help,
  // --version or a usage error, printed the way CLI11 prints them), nullopt otherwise.
  std::optional<int> parse(int argc, char** argv);
  // The subcommand and its values (after parse()).
  const Options& options() const { return options_; }

 private:
  // The admin commands' required --db and their --pbkdf2-iterations.
  void add_db_option(CLI::App* cmd);
  static void add_iterations_option(CLI::App* cmd, int& iterations);
  void add_serve_command();
  void add_migrate_and_seed_commands();
  void add_create_user_command();
  void add_create_client_command();
  void add_list_clients_command();

  CLI::App app_;
  Options options_;
  bool no_access_log_ = false;
  CLI::App* serve_ = nullptr;
  CLI::App* migrate_ = nullptr;
  CLI::App* seed_ = nullptr;
  CLI::App* create_user_ = nullptr;
  CLI::App* create_client_ = nullptr;
  CLI::App* list_clients_ = nullptr;
};

}  // namespace ock::server::cli
