// The admin commands as a user runs them: create-client with the code-flow flags (--redirect-uri,
// --public, --first-party) and what list-clients prints for old and new clients.
#include <gtest/gtest.h>

#include "reference-server/tests/e2e/e2e_support.h"

namespace ock::server::e2e {
namespace {

using test_support::program_path;

class AdminCliTest : public testing::Test {
 protected:
  CommandResult refserver(std::vector<std::string> args) {
    args.insert(args.begin(), program_path("oauth-refserver"));
    return run_command(args, std::chrono::seconds(60));
  }
  std::string db() const { return "sqlite:" + dir_.file("admin.db"); }

  TempDir dir_;
};

TEST_F(AdminCliTest, CreatesAPublicFirstPartyCodeClientAndListsItsRedirectUris) {
  auto made =
      refserver({"create-client", "--db", db(), "--name", "Native app", "--grants",
                 "authorization_code,refresh_token", "--redirect-uri", "http://127.0.0.1/callback",
                 "--redirect-uri", "https://app.example/cb?a=1,2", "--public", "--first-party"});
  ASSERT_TRUE(made.status.exited && made.status.code == 0) << made.status.describe() << made.err;
  EXPECT_EQ(made.out.find("client_secret"), std::string::npos) << "a public client has no secret";
  auto id_at = made.out.find("client_id:");
  ASSERT_NE(id_at, std::string::npos) << made.out;

  auto listed = refserver({"list-clients", "--db", db()});
  ASSERT_TRUE(listed.status.exited && listed.status.code == 0) << listed.err;
  EXPECT_NE(listed.out.find("\tNative app\tpublic\tgrants=authorization_code,refresh_token"
                            "\tscopes=read,write,groups"
                            "\tredirect_uris=http://127.0.0.1/callback https://app.example/cb?a=1,2"
                            "\tfirst_party\n"),
            std::string::npos)
      << listed.out;
}

TEST_F(AdminCliTest, ClientsWithoutTheNewFieldsAreListedAsBefore) {
  auto made = refserver({"create-client", "--db", db(), "--name", "Machine", "--grants",
                         "client_credentials", "--scopes", "read"});
  ASSERT_TRUE(made.status.exited && made.status.code == 0) << made.err;
  EXPECT_NE(made.out.find("client_secret: "), std::string::npos);
  auto listed = refserver({"list-clients", "--db", db()});
  auto line_at = listed.out.find("\tMachine\t");
  ASSERT_NE(line_at, std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("\tMachine\tconfidential\tgrants=client_credentials\tscopes=read\n"),
            std::string::npos)
      << listed.out;
}

TEST_F(AdminCliTest, RefusesClientsThatBreakTheRules) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--grants", "authorization_code"}, "redirect_uris: missing"},
      {{"--grants", "authorization_code", "--redirect-uri", "http://client.example/cb"},
       "redirect_uris[0]: uses http"},
      {{"--grants", "authorization_code", "--redirect-uri", "https://c.example/cb#x"},
       "has a fragment"},
      {{"--grants", "password", "--public"}, "a public client may use only"},
      {{"--grants", "implicit"}, "is not a supported grant type"},
  };
  for (const auto& [flags, why] : cases) {
    std::vector<std::string> args = {"create-client", "--db", db(), "--name", "X"};
    args.insert(args.end(), flags.begin(), flags.end());
    auto r = refserver(args);
    EXPECT_TRUE(r.status.exited && r.status.code == 2) << r.status.describe() << " " << why;
    EXPECT_NE(r.err.find(why), std::string::npos) << r.err;
  }
  auto listed = refserver({"list-clients", "--db", db()});
  EXPECT_EQ(listed.out, "") << "nothing was registered";
}

TEST_F(AdminCliTest, PublicAndTypeCannotBeCombined) {
  auto r = refserver({"create-client", "--db", db(), "--name", "X", "--grants", "refresh_token",
                      "--public", "--type", "confidential"});
  EXPECT_TRUE(r.status.exited && r.status.code != 0) << r.status.describe();
  EXPECT_NE(r.err.find("excludes"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ock::server::e2e
