#include "reference-server/core/seed.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "reference-server/core/crypto.h"
#include "reference-server/storage/memory_store.h"

namespace ock::server {
namespace {

using nlohmann::json;

TEST(SeedTest, DemoSeedLoadsAndHashesSecrets) {
  std::ifstream in(std::string(std::getenv("OCK_SOURCE_DIR")) + "/fixtures/seed/demo.json");
  ASSERT_TRUE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  MemoryStore store;
  auto r = apply_seed(store, json::parse(ss.str()), 10);
  ASSERT_TRUE(r) << r.error();
  EXPECT_GE(r->users, 3);
  auto client = store.find_client("demo-client");
  ASSERT_TRUE(client && client->has_value());
  EXPECT_EQ((*client)->secret_hash, sha256_hex("demo-secret-1"));
  auto alice = store.find_user("alice");
  ASSERT_TRUE(alice && alice->has_value());
  EXPECT_TRUE(verify_password("alice-password-1", (*alice)->password_hash));
  EXPECT_EQ((*alice)->password_hash.find("alice-password-1"), std::string::npos);
  // Seeding again changes nothing.
  auto again = apply_seed(store, json::parse(ss.str()), 10);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->users, 0);
  EXPECT_EQ(again->clients, 0);
}

TEST(SeedTest, BadSeedNamesTheFieldAndWritesNothing) {
  MemoryStore store;
  auto doc = json::parse(R"({"users": [{"username": "a", "password": "p"}, {"username": "b"}],
                             "clients": []})");
  auto r = apply_seed(store, doc, 10);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), "users[1].password: missing");
  EXPECT_TRUE(store.list_users()->empty());
}

TEST(SeedTest, RejectsUnknownGrantAndSecretlessConfidentialClient) {
  MemoryStore store;
  auto bad_grant = apply_seed(store, json::parse(R"({"clients": [{"client_id": "c", "client_secret": "s",
                                                    "grants": ["implicit"]}]})"), 10);
  ASSERT_FALSE(bad_grant);
  EXPECT_NE(bad_grant.error().find("clients[0].grants"), std::string::npos);
  auto no_secret = apply_seed(store, json::parse(R"({"clients": [{"client_id": "c"}]})"), 10);
  ASSERT_FALSE(no_secret);
  EXPECT_NE(no_secret.error().find("client_secret"), std::string::npos);
}

}  // namespace
}  // namespace ock::server
