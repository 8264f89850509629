#include "reference-server/cli/options.h"

namespace ock::server::cli {

CommandLine::CommandLine()
    : app_("oauth-refserver: the reference OAuth 2.0 provider of the OAuth Conformance Kit",
           "oauth-refserver") {
  app_.set_version_flag("--version", std::string("oauth-refserver ") + OCK_VERSION);
  app_.require_subcommand(1);
  // In the order of --help.
  add_serve_command();
  add_migrate_and_seed_commands();
  add_create_user_command();
  add_create_client_command();
  add_list_clients_command();
}

void CommandLine::add_db_option(CLI::App* cmd) {
  cmd->add_option("--db", options_.db, "database URL")->required();
}

void CommandLine::add_iterations_option(CLI::App* cmd, int& iterations) {
  cmd->add_option("--pbkdf2-iterations", iterations, "PBKDF2 iterations")
      ->check(CLI::Range(1, 10'000'000));
}

void CommandLine::add_serve_command() {
  ServeOptions& o = options_.serve;
  ServerConfig& config = o.config;
  HttpOptions& http = o.http;
  auto* cmd = serve_ = app_.add_subcommand("serve", "serve the OAuth endpoints and the REST API");
  cmd->set_config("--config", "", "read options from an INI/TOML file");
  cmd->add_option("--listen", o.listen, "HOST:PORT to listen on; port 0 picks a free port")
      ->capture_default_str();
  cmd->add_option("--db", options_.db, "sqlite:PATH, sqlite::memory: or postgresql://…")->capture_default_str();
  cmd->add_option("--seed", o.seed, "seed file to load at start (existing records are kept)");
  cmd->add_option("--threads", http.threads, "reactor threads: they read every request and answer the GETs")
      ->check(CLI::Range(1, 256))->capture_default_str();
  cmd->add_option("--request-workers", http.request_workers,
                  "threads for requests with a body (password hashing, token writes), so that GETs "
                  "never wait behind them; 0 = one per core")
      ->check(CLI::Range(0, 256))->capture_default_str();
  cmd->add_option("--max-queued-requests", http.max_queued_requests,
                  "requests with a body waiting for a worker; beyond, 503 with Retry-After")
      ->check(CLI::Range(1, 100000))->capture_default_str();
  cmd->add_option("--token-ttl", config.access_ttl, "access-token lifetime, seconds")
      ->check(CLI::Range(1, 365 * 86400))->capture_default_str();
  cmd->add_option("--refresh-ttl", config.refresh_ttl, "refresh-token lifetime, seconds")
      ->check(CLI::Range(1, 3650 * 86400))->capture_default_str();
  cmd->add_option("--code-ttl", config.code_ttl, "authorization-code lifetime, seconds")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  cmd->add_option("--pbkdf2-iterations", config.pbkdf2_iterations,
                  "PBKDF2-HMAC-SHA256 iterations for new password hashes")
      ->check(CLI::Range(1, 10'000'000))->capture_default_str();
  cmd->add_option("--tls-cert", http.tls_cert, "PEM certificate: serve HTTPS");
  cmd->add_option("--tls-key", http.tls_key, "PEM private key of --tls-cert");
  cmd->add_option("--port-file", o.port_file, "write the bound port to this file once listening");
  cmd->add_option("--issuer", config.issuer, "issuer URL for the metadata (default: from the Host header)");
  cmd->add_option("--lockout-threshold", config.throttle.max_failures,
                  "wrong passwords for one username that lock it")->check(CLI::Range(1, 1000))->capture_default_str();
  cmd->add_option("--client-lockout-threshold", config.client_max_failures,
                  "wrong secrets for one client id that lock it")->check(CLI::Range(1, 1000))->capture_default_str();
  cmd->add_option("--lockout-window", config.throttle.window, "seconds in which wrong passwords count")
      ->check(CLI::Range(1, 86400))->capture_default_str();
  cmd->add_option("--lockout-seconds", config.throttle.lockout, "seconds a locked username is refused")
      ->check(CLI::Range(1, 86400))->capture_default_str();
  cmd->add_option("--max-request-bytes", http.max_request_bytes, "largest request accepted (413 beyond)")
      ->check(CLI::Range(4096, 64 * 1024 * 1024))->capture_default_str();
  cmd->add_option("--header-timeout", http.header_timeout_s,
                  "seconds a client has to send a request's headers, and to finish its TLS handshake")
      ->check(CLI::Range(1, 3600))->capture_default_str();
  cmd->add_option("--max-connections", http.max_connections,
                  "open client connections at most; a new one beyond is closed at once. 0 = 10000, "
                  "or fewer when the open-file limit leaves room for fewer")
      ->check(CLI::Range(0, 10'000'000))->capture_default_str();
  cmd->add_flag("--no-access-log", no_access_log_, "do not log one line per request on stderr");
  cmd->add_option("--purge-interval", o.purge_interval_s,
                  "seconds between purges of expired tokens, codes and login sessions")
      ->check(CLI::Range(1, 86400))->capture_default_str();
  cmd->add_option("--purge-retention", o.purge_retention_s,
                  "seconds expired tokens and login sessions are kept before a purge deletes "
                  "them (codes: at least an hour, so that a replay is still recognised)")
      ->check(CLI::Range(0, 31'536'000))->capture_default_str();
}

void CommandLine::add_migrate_and_seed_commands() {
  AdminOptions& o = options_.admin;
  migrate_ = app_.add_subcommand("migrate", "create or upgrade the database schema");
  add_db_option(migrate_);

  seed_ = app_.add_subcommand("seed", "load a seed file into the database");
  add_db_option(seed_);
  seed_->add_option("file", o.seed_file, "seed file")->required();
  add_iterations_option(seed_, o.seed_iterations);
}

void CommandLine::add_create_user_command() {
  AdminOptions& o = options_.admin;
  auto* user = create_user_ =
      app_.add_subcommand("create-user", "create a user (the password is prompted, never a flag)");
  add_db_option(user);
  user->add_option("--username", o.new_user.username, "username")->required();
  user->add_option("--email", o.new_user.email, "e-mail address");
  user->add_option("--first-name", o.new_user.first_name, "first name");
  user->add_option("--last-name", o.new_user.last_name, "last name");
  user->add_flag("--staff", o.new_user.staff, "staff member");
  user->add_flag("--password-stdin", o.password_stdin, "read the password from standard input");
  add_iterations_option(user, o.user_iterations);
}

void CommandLine::add_create_client_command() {
  AdminOptions& o = options_.admin;
  auto* client = create_client_ =
      app_.add_subcommand("create-client", "register a client; prints its id and secret once");
  add_db_option(client);
  client->add_option("--name", o.client_name, "display name")->required();
  auto* type = client->add_option("--type", o.client_type, "confidential or public")
                   ->check(CLI::IsMember({"confidential", "public"}))
                   ->capture_default_str();
  client
      ->add_flag("--public", o.client_public,
                 "a public client (no secret): the same as --type public")
      ->excludes(type);
  client
      ->add_option("--grants", o.grants,
                   "comma-separated: authorization_code,password,refresh_token,client_credentials")
      ->required();
  client->add_option("--scopes", o.scopes, "comma-separated scopes the client may obtain")->capture_default_str();
  client->add_option("--token-ttl", o.client_ttl, "this client's access-token lifetime, seconds")
      ->check(CLI::Range(1, 365 * 86400));
  client->add_option("--redirect-uri", o.redirect_uris,
                     "a registered redirect URI (repeat the flag for several)");
  client->add_flag("--first-party", o.first_party, "the user is not asked for consent");
}

void CommandLine::add_list_clients_command() {
  list_clients_ = app_.add_subcommand("list-clients", "list the registered clients (never their secrets)");
  add_db_option(list_clients_);
}

std::optional<int> CommandLine::parse(int argc, char** argv) {
  try {
    app_.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app_.exit(e);
  }
  options_.serve.http.access_log = !no_access_log_;
  if (options_.admin.client_public) options_.admin.client_type = "public";
  if (*serve_) options_.command = Command::kServe;
  if (*migrate_) options_.command = Command::kMigrate;
  if (*seed_) options_.command = Command::kSeed;
  if (*create_user_) options_.command = Command::kCreateUser;
  if (*create_client_) options_.command = Command::kCreateClient;
  if (*list_clients_) options_.command = Command::kListClients;
  return std::nullopt;
}

}  // namespace ock::server::cli
