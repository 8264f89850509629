#include "conformance/runner/init_prompt.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace ock::conformance::runner {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(InitPromptTest, AsksForWhatIsMissing) {
  InitAnswers a;
  SurveyFindings f;
  f.scopes = {"read", "write"};
  std::istringstream in(
      "demo-client\n"      // clients.primary id
      "DEMO_SECRET\n"      // its secret's variable
      "alice\n"            // users.primary
      "\n"                 // its password's variable: the default
      "api/users\n"        // not METHOD:/path: asked again
      "GET:/api/users/\n"  // the resource
      "read\n"             // the scope
      "second=second-client\n"
      "\n"  // its secret's variable: the default
      "\n"  // no more clients
      "victim=victim\n"
      "VICTIM_PW\n");
  std::ostringstream out;
  ask_missing(a, f, in, out);
  EXPECT_EQ(a.clients.at("primary").id, "demo-client");
  EXPECT_EQ(a.clients.at("primary").secret_env, "DEMO_SECRET");
  EXPECT_EQ(a.users.at("primary").username, "alice");
  EXPECT_EQ(a.users.at("primary").password_env, "OCK_USER_PRIMARY_PASSWORD");
  ASSERT_EQ(a.resources.size(), 1u);
  EXPECT_EQ(a.resources[0].path, "/api/users/");
  EXPECT_EQ(a.scope_request, "read");
  EXPECT_EQ(a.clients.at("second").secret_env, "OCK_CLIENT_SECOND_SECRET");
  EXPECT_EQ(a.users.at("victim").password_env, "VICTIM_PW");
  EXPECT_THAT(out.str(), HasSubstr("supported: read write"));
  EXPECT_THAT(out.str(), HasSubstr("expected METHOD:/path"));
  EXPECT_THAT(out.str(), HasSubstr("Environment variable that will hold the secret"));
}

TEST(InitPromptTest, AsksNothingThatWasGivenAndStopsAtEndOfInput) {
  InitAnswers a;
  a.clients["primary"] = {.id = "c", .secret_env = "S", .auth_method = "", .redirect_uri = ""};
  a.resources.push_back(
      {.name = "r", .method = "GET", .path = "/r", .requires_scope = "", .json = ""});
  a.scope_request = "";
  std::istringstream in("");
  std::ostringstream out;
  ask_missing(a, SurveyFindings{}, in, out);
  EXPECT_THAT(out.str(), Not(HasSubstr("Client id of clients.primary")));
  EXPECT_THAT(out.str(), Not(HasSubstr("protected resource")));
  EXPECT_THAT(out.str(), Not(HasSubstr("Scope to request")));
  EXPECT_FALSE(a.users.contains("primary"));
  EXPECT_EQ(a.clients.size(), 1u);
}

TEST(InitPromptTest, ABadVariableNameIsAskedAgain) {
  InitAnswers a;
  std::istringstream in("c\nnot a name\nGOOD_NAME\n");
  std::ostringstream out;
  ask_missing(a, SurveyFindings{}, in, out);
  EXPECT_EQ(a.clients.at("primary").secret_env, "GOOD_NAME");
  EXPECT_TRUE(a.resources.empty());  // input ended before the resource
}

}  // namespace
}  // namespace ock::conformance::runner
