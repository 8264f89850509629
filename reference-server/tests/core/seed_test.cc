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

TEST(SeedTest, DemoSeedHasTheCodeFlowClients) {
  std::ifstream in(std::string(std::getenv("OCK_SOURCE_DIR")) + "/fixtures/seed/demo.json");
  std::stringstream ss;
  ss << in.rdbuf();
  MemoryStore store;
  ASSERT_TRUE(apply_seed(store, json::parse(ss.str()), 10));
  auto code = store.find_client("code-client");
  ASSERT_TRUE(code && code->has_value());
  EXPECT_EQ((*code)->secret_hash, sha256_hex("code-secret-1"));
  EXPECT_EQ((*code)->redirect_uris, std::vector<std::string>{"https://client.example/cb"});
  EXPECT_FALSE((*code)->first_party);
  EXPECT_EQ((*code)->grants, (std::vector<std::string>{"authorization_code", "refresh_token"}));
  auto pub = store.find_client("public-client");
  ASSERT_TRUE(pub && pub->has_value());
  EXPECT_EQ((*pub)->type, ClientType::kPublic);
  EXPECT_EQ((*pub)->secret_hash, "");
  EXPECT_TRUE((*pub)->first_party);
  EXPECT_EQ((*pub)->redirect_uris, std::vector<std::string>{"http://127.0.0.1/callback"});
  for (const char* id : {"code-client-2", "short-code-client", "special:code+1/%= x"}) {
    auto c = store.find_client(id);
    ASSERT_TRUE(c && c->has_value()) << id;
    EXPECT_TRUE((*c)->first_party) << id;
  }
  EXPECT_EQ((*store.find_client("short-code-client"))->token_ttl, std::optional<std::int64_t>(3));
  EXPECT_EQ((*store.find_client("special:code+1/%= x"))->secret_hash, sha256_hex("s3cret:+/%= &y"));
}

// Each broken client entry is refused with the field that is wrong, and nothing is written.
TEST(SeedTest, RejectsClientsThatBreakTheRegistrationRules) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"client_id": "c", "client_secret": "s", "grants": ["authorization_code"]})",
       "clients[0].redirect_uris: missing"},
      {R"({"client_id": "c", "client_secret": "s", "grants": ["authorization_code"],
           "redirect_uris": ["https://c.example/cb#frag"]})",
       "clients[0].redirect_uris[0]: has a fragment"},
      {R"({"client_id": "c", "client_secret": "s", "grants": ["authorization_code"],
           "redirect_uris": ["https://c.example/cb", "http://c.example/cb"]})",
       "clients[0].redirect_uris[1]: uses http"},
      {R"({"client_id": "c", "client_secret": "s", "redirect_uris": "https://c.example/cb"})",
       "clients[0].redirect_uris: must be an array of strings"},
      {R"({"client_id": "c", "type": "public", "grants": ["password"]})",
       "clients[0].grants: a public client may use only authorization_code and refresh_token"},
      {R"({"client_id": "c", "type": "public", "client_secret": "s", "grants": ["refresh_token"]})",
       "clients[0].client_secret: a public client has no secret"},
      {R"({"client_id": "c", "client_secret": "s", "first_party": "yes"})",
       "clients[0].first_party: must be true or false"},
  };
  for (const auto& [client, want] : cases) {
    MemoryStore store;
    auto r = apply_seed(store, json::parse(R"({"clients": [)" + client + "]}"), 10);
    ASSERT_FALSE(r) << client;
    EXPECT_EQ(r.error().rfind(want, 0), 0u) << r.error();
    EXPECT_TRUE(store.list_clients()->empty());
  }
}

}  // namespace
}  // namespace ock::server
