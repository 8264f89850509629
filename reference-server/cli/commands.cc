#include "reference-server/cli/commands.h"

#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "reference-server/core/clock.h"
#include "reference-server/core/crypto.h"
#include "reference-server/core/housekeeping.h"
#include "reference-server/core/oauth_service.h"
#include "reference-server/core/router.h"
#include "reference-server/core/seed.h"
#include "reference-server/storage/soci_store.h"

namespace ock::server::cli {
namespace {

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

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& x : items) out += (out.empty() ? "" : ",") + x;
  return out;
}

// The HTTP options of `serve`, checked: the address from --listen, the TLS files readable.
HttpOptions http_options(const ServeOptions& o) {
  HttpOptions http = o.http;
  auto [host, port] = parse_listen(o.listen);
  http.host = host;
  http.port = port;
  if (http.tls_cert.empty() != http.tls_key.empty()) {
    throw UsageError("--tls-cert and --tls-key go together");
  }
  if (!http.tls_cert.empty()) {
    read_file(http.tls_cert, "--tls-cert");
    read_file(http.tls_key, "--tls-key");
  }
  return http;
}

// A server left running meets more clients than the default soft limit of 1,024 descriptors:
// the soft limit goes up to the hard one. Failing to raise it is not fatal.
void raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
      std::cerr << "could not raise the open-file limit; it stays at its soft value\n";
  }
}

int serve(const std::string& db, const ServeOptions& o) {
  // Block the stop signals before any thread starts, so that only sigwait() sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  HttpOptions http = http_options(o);
  raise_open_file_limit();
  // One database session for each thread that may use one at once: reactors and workers.
  const int workers = http.request_workers > 0
                          ? http.request_workers
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto store = SociStore::open(db, std::max(2, http.threads + workers));
  if (!o.seed.empty()) seed_store(*store, o.seed, o.config.pbkdf2_iterations);

  SystemClock clock;
  OAuthService oauth(*store, clock, o.config);
  Router router(*store, oauth);
  // Expired tokens, codes and sessions go every --purge-interval, and the SQLite WAL is
  // checkpointed every 50 ms, so the database and its journal stay bounded.
  Housekeeper housekeeper(*store, clock, o.purge_retention_s);
  PeriodicHousekeeping purging(housekeeper, *store, std::chrono::seconds(o.purge_interval_s));
  HttpServer server(router, http);
  server.start();
  if (!o.port_file.empty()) write_port_file(o.port_file, server.port());
  std::cout << "listening on " << server.url() << std::endl;

  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::cerr << "stopping on " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << "\n";
  server.stop();
  return 0;
}

void create_user(Store& store, const AdminOptions& o) {
  User user = o.new_user;
  user.password_hash = hash_password(read_password(o.password_stdin), o.user_iterations);
  auto created = store.create_user(user);
  if (!created) {
    throw UsageError(created.error().kind == StorageError::Kind::kConflict
                         ? "a user named \"" + user.username + "\" already exists"
                         : "the user could not be stored: " + created.error().message);
  }
  std::cout << "created user " << created->username << " (id " << created->id << ")\n";
}

void create_client(Store& store, const AdminOptions& o) {
  auto grant_list = split_list(o.grants);
  for (const auto& g : grant_list) {
    if (!known_grants().count(g))
      throw UsageError("--grants: \"" + g + "\" is not a supported grant type");
  }
  const bool is_public = o.client_type == "public";
  std::string id = random_token(15);
  std::string secret = is_public ? "" : random_token(32);
  std::optional<std::int64_t> ttl;
  if (o.client_ttl > 0) ttl = o.client_ttl;
  Client client = make_client(id, secret, o.client_name,
                              is_public ? ClientType::kPublic : ClientType::kConfidential,
                              grant_list, split_list(o.scopes), ttl);
  client.redirect_uris = o.redirect_uris;
  client.first_party = o.first_party;
  if (auto why = client_problem(client))
    throw UsageError("the client cannot be registered: " + *why);
  auto r = store.create_client(client);
  if (!r) throw UsageError("the client could not be stored: " + r.error().message);
  std::cout << "client_id:     " << id << "\n";
  if (!is_public) std::cout << "client_secret: " << secret << "\n(shown once: only its hash is stored)\n";
}

void list_clients(Store& store) {
  auto clients = store.list_clients();
  if (!clients) throw UsageError("cannot list clients: " + clients.error().message);
  for (const auto& c : *clients) {
    std::cout << c.client_id << "\t" << c.name << "\t"
              << (c.type == ClientType::kPublic ? "public" : "confidential")
              << "\tgrants=" << join_list(c.grants) << "\tscopes=" << join_list(c.scopes);
    if (c.token_ttl) std::cout << "\ttoken_ttl=" << *c.token_ttl;
    // Only clients that have them print the newer fields, so older listings stay as they were.
    // URIs may hold commas but never spaces.
    if (!c.redirect_uris.empty()) {
      std::cout << "\tredirect_uris=";
      for (std::size_t i = 0; i < c.redirect_uris.size(); ++i) {
        std::cout << (i ? " " : "") << c.redirect_uris[i];
      }
    }
    if (c.first_party) std::cout << "\tfirst_party";
    std::cout << "\n";
  }
}

// Every subcommand but serve: one store session on --db, migrated on opening.
void run_admin(const Options& options) {
  auto store = SociStore::open(options.db, 1);
  switch (options.command) {
    case Command::kMigrate:
      std::cout << "database is up to date\n";
      break;
    case Command::kSeed:
      seed_store(*store, options.admin.seed_file, options.admin.seed_iterations);
      break;
    case Command::kCreateUser:
      create_user(*store, options.admin);
      break;
    case Command::kCreateClient:
      create_client(*store, options.admin);
      break;
    case Command::kListClients:
      list_clients(*store);
      break;
    case Command::kServe:
      break;
  }
}

}  // namespace

int run(const Options& options) {
  try {
    if (options.command == Command::kServe) return serve(options.db, options.serve);
    run_admin(options);
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "oauth-refserver: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "oauth-refserver: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace ock::server::cli
