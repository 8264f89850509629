// oauth-refserver: parses the command line, opens the store, seeds it, wires the core to the
// HTTP server and serves until SIGINT/SIGTERM; plus the admin commands of interfaces.md.
#include <CLI/CLI.hpp>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reference-server/core/clock.h"
#include "reference-server/core/config.h"
#include "reference-server/core/crypto.h"
#include "reference-server/core/oauth_service.h"
#include "reference-server/core/router.h"
#include "reference-server/core/seed.h"
#include "reference-server/http/http_server.h"
#include "reference-server/storage/soci_store.h"

namespace {

using namespace ock::server;

constexpr const char* kVersion = "0.1.0";

// A startup or usage error: one sentence for the user, exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string read_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(std::string(what) + ": cannot read \"" + path + "\"");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

nlohmann::json read_json(const std::string& path, const char* what) {
  auto doc = nlohmann::json::parse(read_file(path, what), nullptr, false);
  if (doc.is_discarded()) throw UsageError(std::string(what) + ": \"" + path + "\" is not valid JSON");
  return doc;
}

void seed_store(Store& store, const std::string& path, int iterations) {
  auto summary = apply_seed(store, read_json(path, "--seed"), iterations);
  if (!summary) throw UsageError("seed file \"" + path + "\": " + summary.error());
  std::cerr << "seeded " << summary->users << " user(s), " << summary->clients << " client(s), "
            << summary->scopes << " scope(s), " << summary->groups << " group(s)\n";
}

std::pair<std::string, std::uint16_t> parse_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    throw UsageError("--listen: \"" + listen + "\" is not HOST:PORT");
  }
  std::string host = listen.substr(0, colon);
  std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(port) > 65535) {
    throw UsageError("--listen: \"" + port + "\" is not a port number (0-65535)");
  }
  return {host, static_cast<std::uint16_t>(std::stoul(port))};
}

void write_port_file(const std::string& path, std::uint16_t port) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) throw UsageError("--port-file: cannot write \"" + path + "\"");
    out << port << "\n";
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    throw UsageError("--port-file: cannot write \"" + path + "\"");
  }
}

std::string read_password(bool from_stdin) {
  std::string pw;
  if (from_stdin || !isatty(STDIN_FILENO)) {
    std::getline(std::cin, pw);
  } else {
    std::cerr << "Password: " << std::flush;
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, pw);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!pw.empty() && pw.back() == '\r') pw.pop_back();
  if (pw.empty()) throw UsageError("the password is empty");
  return pw;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

int serve(const std::string& listen, const std::string& db, const std::string& seed,
          ServerConfig config, HttpOptions http, const std::string& port_file) {
  // Block the stop signals before any thread starts, so that only sigwait() sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto [host, port] = parse_listen(listen);
  http.host = host;
  http.port = port;
  if (http.tls_cert.empty() != http.tls_key.empty()) {
    throw UsageError("--tls-cert and --tls-key go together");
  }
  if (!http.tls_cert.empty()) {
    read_file(http.tls_cert, "--tls-cert");
    read_file(http.tls_key, "--tls-key");
  }
  auto store = SociStore::open(db, std::max(2, http.threads));
  if (!seed.empty()) seed_store(*store, seed, config.pbkdf2_iterations);

  SystemClock clock;
  OAuthService oauth(*store, clock, config);
  Router router(*store, oauth);
  HttpServer server(router, http);
  server.start();
  if (!port_file.empty()) write_port_file(port_file, server.port());
  std::cout << "listening on " << server.url() << std::endl;

  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::cerr << "stopping on " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << "\n";
  server.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"oauth-refserver: the reference OAuth 2.0 provider of the OAuth Conformance Kit"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);

  std::string db = "sqlite:oauth.db";
  ServerConfig config;
  HttpOptions http;
  std::string listen = "127.0.0.1:8000", seed, port_file;
  bool no_access_log = false;

  auto* serve_cmd = app.add_subcommand("serve", "serve the OAuth endpoints and the REST API");
  serve_cmd->set_config("--config", "", "read options from an INI/TOML file");
  serve_cmd->add_option("--listen", listen, "HOST:PORT to listen on; port 0 picks a free port")
      ->capture_default_str();
  serve_cmd->add_option("--db", db, "sqlite:PATH, sqlite::memory: or postgresql://…")->capture_default_str();
  serve_cmd->add_option("--seed", seed, "seed file to load at start (existing records are kept)");
  serve_cmd->add_option("--threads", http.threads, "worker threads")->check(CLI::Range(1, 256))->capture_default_str();
  serve_cmd->add_option("--token-ttl", config.access_ttl, "access-token lifetime, seconds")
      ->check(CLI::Range(1, 365 * 86400))->capture_default_str();
  serve_cmd->add_option("--refresh-ttl", config.refresh_ttl, "refresh-token lifetime, seconds")
      ->check(CLI::Range(1, 3650 * 86400))->capture_default_str();
  serve_cmd->add_option("--pbkdf2-iterations", config.pbkdf2_iterations,
                        "PBKDF2-HMAC-SHA256 iterations for new password hashes")
      ->check(CLI::Range(1, 10'000'000))->capture_default_str();
  serve_cmd->add_option("--tls-cert", http.tls_cert, "PEM certificate: serve HTTPS");
  serve_cmd->add_option("--tls-key", http.tls_key, "PEM private key of --tls-cert");
  serve_cmd->add_option("--port-file", port_file, "write the bound port to this file once listening");
  serve_cmd->add_option("--issuer", config.issuer, "issuer URL for the metadata (default: from the Host header)");
  serve_cmd->add_option("--lockout-threshold", config.throttle.max_failures,
                        "wrong passwords for one username that lock it")->check(CLI::Range(1, 1000))->capture_default_str();
  serve_cmd->add_option("--client-lockout-threshold", config.client_max_failures,
                        "wrong secrets for one client id that lock it")->check(CLI::Range(1, 1000))->capture_default_str();
  serve_cmd->add_option("--lockout-window", config.throttle.window, "seconds in which wrong passwords count")
      ->check(CLI::Range(1, 86400))->capture_default_str();
  serve_cmd->add_option("--lockout-seconds", config.throttle.lockout, "seconds a locked username is refused")
      ->check(CLI::Range(1, 86400))->capture_default_str();
  serve_cmd->add_option("--max-request-bytes", http.max_request_bytes, "largest request accepted (413 beyond)")
      ->check(CLI::Range(4096, 64 * 1024 * 1024))->capture_default_str();
  serve_cmd->add_flag("--no-access-log", no_access_log, "do not log one line per request on stderr");

  auto* migrate_cmd = app.add_subcommand("migrate", "create or upgrade the database schema");
  migrate_cmd->add_option("--db", db, "database URL")->required();

  std::string seed_file;
  int seed_iterations = kDefaultPbkdf2Iterations;
  auto* seed_cmd = app.add_subcommand("seed", "load a seed file into the database");
  seed_cmd->add_option("--db", db, "database URL")->required();
  seed_cmd->add_option("file", seed_file, "seed file")->required();
  seed_cmd->add_option("--pbkdf2-iterations", seed_iterations, "PBKDF2 iterations")->check(CLI::Range(1, 10'000'000));

  User new_user;
  bool password_stdin = false;
  int user_iterations = kDefaultPbkdf2Iterations;
  auto* user_cmd = app.add_subcommand("create-user", "create a user (the password is prompted, never a flag)");
  user_cmd->add_option("--db", db, "database URL")->required();
  user_cmd->add_option("--username", new_user.username, "username")->required();
  user_cmd->add_option("--email", new_user.email, "e-mail address");
  user_cmd->add_option("--first-name", new_user.first_name, "first name");
  user_cmd->add_option("--last-name", new_user.last_name, "last name");
  user_cmd->add_flag("--staff", new_user.staff, "staff member");
  user_cmd->add_flag("--password-stdin", password_stdin, "read the password from standard input");
  user_cmd->add_option("--pbkdf2-iterations", user_iterations, "PBKDF2 iterations")->check(CLI::Range(1, 10'000'000));

  std::string client_name, client_type = "confidential", grants, scopes = "read,write,groups";
  std::int64_t client_ttl = 0;
  auto* client_cmd = app.add_subcommand("create-client", "register a client; prints its id and secret once");
  client_cmd->add_option("--db", db, "database URL")->required();
  client_cmd->add_option("--name", client_name, "display name")->required();
  client_cmd->add_option("--type", client_type, "confidential or public")
      ->check(CLI::IsMember({"confidential", "public"}))->capture_default_str();
  client_cmd->add_option("--grants", grants, "comma-separated: password,refresh_token,client_credentials")->required();
  client_cmd->add_option("--scopes", scopes, "comma-separated scopes the client may obtain")->capture_default_str();
  client_cmd->add_option("--token-ttl", client_ttl, "this client's access-token lifetime, seconds")
      ->check(CLI::Range(1, 365 * 86400));

  auto* list_cmd = app.add_subcommand("list-clients", "list the registered clients (never their secrets)");
  list_cmd->add_option("--db", db, "database URL")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    if (*serve_cmd) {
      http.access_log = !no_access_log;
      return serve(listen, db, seed, config, http, port_file);
    }
    auto store = SociStore::open(db, 1);
    if (*migrate_cmd) {
      std::cout << "database is up to date\n";
    } else if (*seed_cmd) {
      seed_store(*store, seed_file, seed_iterations);
    } else if (*user_cmd) {
      new_user.password_hash = hash_password(read_password(password_stdin), user_iterations);
      auto created = store->create_user(new_user);
      if (!created) {
        throw UsageError(created.error().kind == StorageError::Kind::kConflict
                             ? "a user named \"" + new_user.username + "\" already exists"
                             : "the user could not be stored: " + created.error().message);
      }
      std::cout << "created user " << created->username << " (id " << created->id << ")\n";
    } else if (*client_cmd) {
      static const std::set<std::string> kGrants{"password", "refresh_token", "client_credentials"};
      auto grant_list = split_list(grants);
      for (const auto& g : grant_list) {
        if (!kGrants.count(g)) throw UsageError("--grants: \"" + g + "\" is not a supported grant type");
      }
      const bool is_public = client_type == "public";
      std::string id = random_token(15);
      std::string secret = is_public ? "" : random_token(32);
      std::optional<std::int64_t> ttl;
      if (client_ttl > 0) ttl = client_ttl;
      auto r = store->create_client(make_client(id, secret, client_name,
                                                is_public ? ClientType::kPublic : ClientType::kConfidential,
                                                grant_list, split_list(scopes), ttl));
      if (!r) throw UsageError("the client could not be stored: " + r.error().message);
      std::cout << "client_id:     " << id << "\n";
      if (!is_public) std::cout << "client_secret: " << secret << "\n(shown once: only its hash is stored)\n";
    } else if (*list_cmd) {
      auto clients = store->list_clients();
      if (!clients) throw UsageError("cannot list clients: " + clients.error().message);
      for (const auto& c : *clients) {
        std::string g, s;
        for (const auto& x : c.grants) g += (g.empty() ? "" : ",") + x;
        for (const auto& x : c.scopes) s += (s.empty() ? "" : ",") + x;
        std::cout << c.client_id << "\t" << c.name << "\t"
                  << (c.type == ClientType::kPublic ? "public" : "confidential") << "\tgrants=" << g
                  << "\tscopes=" << s;
        if (c.token_ttl) std::cout << "\ttoken_ttl=" << *c.token_ttl;
        std::cout << "\n";
      }
    }
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "oauth-refserver: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "oauth-refserver: " << e.what() << "\n";
    return 1;
  }
}
