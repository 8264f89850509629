// What the SQLite file keeps and what it must not: tokens survive a clean restart and a
// kill -9, passwords are PBKDF2-hashed at the documented default cost, and neither issued
// tokens nor client secrets are stored in clear.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

#include "reference-server/tests/e2e/e2e_support.h"

namespace ock::server::e2e {
namespace {

std::string field(const HttpResponse& r, const char* name) {
  auto j = json_of(r);
  return j.is_object() && j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : "";
}

// Every file of the database (the main file, its -wal and -shm), concatenated.
std::string database_bytes(const std::string& db_path) {
  std::string all;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::string p = db_path + suffix;
    if (std::filesystem::exists(p)) all += read_file(p);
  }
  return all;
}

// The result of one SQL query through the sqlite3 CLI, one row a line.
std::string sqlite_query(const std::string& db_path, const std::string& sql) {
  auto run = run_command({"sqlite3", "-readonly", db_path, sql}, std::chrono::seconds(30));
  EXPECT_TRUE(run.status.exited && run.status.code == 0) << run.status.describe() << " " << run.err;
  return run.out;
}

class PersistenceTest : public ServerTest {};

TEST_F(PersistenceTest, TokensSurviveRestart) {
  ASSERT_TRUE(start_server());
  auto issued = password_grant(server_, kAlice, kAlicePassword);
  ASSERT_TRUE(is_token_success(issued));
  const std::string access = field(issued, "access_token");
  const std::string refresh = field(issued, "refresh_token");
  ASSERT_FALSE(refresh.empty()) << issued.describe();
  auto stopped = server_.stop(SIGTERM);
  ASSERT_TRUE(stopped.exited && stopped.code == 0) << stopped.describe();

  // Restart on the same file without --seed: everything comes from the database.
  RefServerOptions again;
  again.seed.clear();
  ASSERT_TRUE(start_server(again));
  auto users = list_users(server_, access);
  EXPECT_EQ(users.status, 200) << users.describe();
  auto refreshed = refresh_grant(server_, refresh);
  ASSERT_TRUE(is_token_success(refreshed));
  EXPECT_EQ(list_users(server_, field(refreshed, "access_token")).status, 200);
}

TEST_F(PersistenceTest, AcknowledgedTokensSurviveKill9) {
  ASSERT_TRUE(start_server());
  constexpr int kTokens = 20;
  std::vector<std::string> tokens;
  for (int i = 0; i < kTokens; ++i) {
    auto r =
        password_grant(server_, i % 2 ? kAlice : "bob", i % 2 ? kAlicePassword : "bob-password-1");
    ASSERT_TRUE(is_token_success(r)) << "token " << i;
    tokens.push_back(field(r, "access_token"));
  }
  auto killed = server_.kill_hard();
  ASSERT_EQ(killed.signal, SIGKILL) << killed.describe();

  ASSERT_TRUE(start_server());  // same file, seeded again as ci/demo does
  int valid = 0;
  for (int i = 0; i < kTokens; ++i) {
    auto r = list_users(server_, tokens[static_cast<std::size_t>(i)]);
    EXPECT_EQ(r.status, 200) << "token " << i << ": " << r.describe();
    valid += r.status == 200 ? 1 : 0;
  }
  EXPECT_EQ(valid, kTokens);
}

class PasswordHashTest : public ServerTest {
 protected:
  // A seed with one user and one client, so that 600,000 PBKDF2 iterations stay quick.
  std::string tiny_seed() {
    const std::string path = dir_.file("tiny-seed.json");
    write_file(path, R"({
      "scopes": {"read": "Read scope"},
      "groups": [],
      "users": [{"username": "solo", "password": "solo-password-1", "email": "solo@example.test",
                 "first_name": "", "last_name": "", "staff": false, "groups": []}],
      "clients": [{"client_id": "solo-client", "client_secret": "solo-secret-1", "name": "Solo",
                   "type": "confidential", "grants": ["password"], "scopes": ["read"]}]
    })");
    return path;
  }

  // Starts a server on a fresh file with `iterations` (nullopt: the default), stops it and
  // returns the stored hash of "solo".
  std::string stored_hash(std::optional<int> iterations, const std::string& db_name) {
    RefServerOptions o;
    o.seed = tiny_seed();
    o.pbkdf2_iterations = iterations;
    o.db = "sqlite:" + dir_.file(db_name);
    EXPECT_TRUE(start_server(o));
    // The hash must work: the user can log in.
    EXPECT_TRUE(is_token_success(
        password_grant(server_, "solo", "solo-password-1", "solo-client", "solo-secret-1")));
    auto stopped = server_.stop(SIGTERM);
    EXPECT_TRUE(stopped.exited && stopped.code == 0) << stopped.describe();
    std::string out =
        sqlite_query(dir_.file(db_name), "SELECT password_hash FROM users WHERE username='solo';");
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
  }
};

// pbkdf2_sha256$<iterations>$<salt b64>$<hash b64>
std::vector<std::string> split_hash(const std::string& h) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    auto d = h.find('$', start);
    parts.push_back(h.substr(start, d == std::string::npos ? std::string::npos : d - start));
    if (d == std::string::npos) break;
    start = d + 1;
  }
  return parts;
}

TEST_F(PasswordHashTest, ServeDefaultsTo600000Iterations) {
  auto parts = split_hash(stored_hash(std::nullopt, "default.db"));
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], "pbkdf2_sha256");
  EXPECT_EQ(parts[1], "600000");
  EXPECT_GE(parts[2].size(), 16u) << "salt";
  EXPECT_GE(parts[3].size(), 43u) << "a 32-byte hash in base64";
}

TEST_F(PasswordHashTest, FlagSetsIterations) {
  auto parts = split_hash(stored_hash(1000, "fast.db"));
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], "pbkdf2_sha256");
  EXPECT_EQ(parts[1], "1000");
}

TEST_F(PasswordHashTest, NoSecretInDatabaseFile) {
  ASSERT_TRUE(start_server());
  const std::string db_path = server_.db().substr(std::string("sqlite:").size());
  auto issued = password_grant(server_, kAlice, kAlicePassword);
  ASSERT_TRUE(is_token_success(issued));
  auto cc = post_form(server_.url("/oauth/token/"), "grant_type=client_credentials",
                      {basic_auth_header(kClientId, kClientSecret)});
  ASSERT_TRUE(is_token_success(cc));
  const std::vector<std::string> secrets = {field(issued, "access_token"),
                                            field(issued, "refresh_token"),
                                            field(cc, "access_token"),
                                            kClientSecret,
                                            "second-secret-1",
                                            "s3cret:+/%= &x",
                                            kAlicePassword,
                                            "victim-password-1",
                                            "code-secret-1",
                                            "short-code-secret-1",
                                            "s3cret:+/%= &y"};

  // While the server runs (data may sit in the WAL) and after a clean stop.
  std::string bytes = database_bytes(db_path);
  for (const auto& s : secrets) {
    EXPECT_EQ(bytes.find(s), std::string::npos) << s.substr(0, 4) << "… is in the running database";
  }
  ASSERT_TRUE(server_.stop(SIGTERM).exited);
  bytes = database_bytes(db_path);
  ASSERT_FALSE(bytes.empty());
  for (const auto& s : secrets) {
    EXPECT_EQ(bytes.find(s), std::string::npos) << s.substr(0, 4) << "… is in the database file";
  }
  // The tables are there and hold rows: the check above looked at real data.
  EXPECT_EQ(sqlite_query(db_path, "SELECT count(*) FROM tokens;"), "3\n");
  EXPECT_EQ(sqlite_query(db_path, "SELECT count(*) FROM clients WHERE secret_hash <> '';"), "15\n");
}

}  // namespace
}  // namespace ock::server::e2e
