// Unit tests of checks/secrets.h (secrets echoed in replies, URL headers and logs): each check in
// its passing and its failing shape.
#include "conformance/checks/secrets.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "conformance/checks/grammar.h"
#include "conformance/checks/status.h"
#include "conformance/engine/form.h"
#include "conformance/tests/checks/canned.h"

namespace ock::conformance::checks {
namespace {

using namespace engine;        // NOLINT
using namespace test_support;  // NOLINT
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

TEST(SecretEchoTest, TokenMembersAreNotEchoesButOtherPlacesAre) {
  std::vector<KnownSecret> secrets{{"secret-token-value-1", "an issued token"},
                                   {"client-secret-xyz", "the client secret of clients.primary"}};
  auto issued = canned(200, R"({"access_token":"secret-token-value-1","token_type":"Bearer"})");
  EXPECT_TRUE(secret_echoes(issued, secrets).empty());
  auto echoed =
      canned(400, R"({"error":"invalid_client","error_description":"bad client-secret-xyz"})");
  auto e = secret_echoes(echoed, secrets);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("client secret"), std::string::npos);
  EXPECT_EQ(e[0].find("client-secret-xyz"), std::string::npos);  // never the value
  auto in_header = canned(200, "{}", {{"X-Debug", "token=secret-token-value-1"}});
  EXPECT_EQ(secret_echoes(in_header, secrets).size(), 1u);
}

// Issue 8: a server that echoes the request (a debug page) writes the secret in the encoding of
// its page, not as sent; each of them is an echo.
TEST(SecretEchoTest, EchoesInTheEncodingsServersUseAreFound) {
  const std::string secret = "s3cr\xc3\xa4t&<pw>/+ 1";
  std::vector<KnownSecret> secrets{{secret, "the password of users.primary"}};
  const std::vector<std::string> echoes = {
      "<p>password: s3cr\xc3\xa4t&amp;&lt;pw&gt;/+ 1</p>",       // HTML entities
      "password=s3cr%c3%a4t%26%3cpw%3e%2f%2b+1",                 // lower-case percent, + for space
      "{\"password\": \"s3cr\\u00e4t\\u0026\\u003cpw\\u003e/+ 1\"}",  // HTML-safe JSON, as text
      "body was " + base64_encode(secret),                      // base64 of the value
  };
  for (const auto& body : echoes) {
    auto x = canned(200, body, {{"Content-Type", "text/html"}});
    EXPECT_EQ(secret_echoes(x, secrets).size(), 1u) << body;
  }
  EXPECT_THAT(secrets_in_text("log: " + base64_encode(secret), secrets),
              ElementsAre(HasSubstr("(1x)")));
}

// Issue 8: base64 of the whole request body (or of the Authorization header) echoed back holds
// the password only in the groups made of its bytes alone, at the alignment of its place.
TEST(SecretEchoTest, Base64OfTheWholeRequestIsAnEcho) {
  const std::string secret = "s3cr\xc3\xa4t&<pw>/+ 1";
  std::vector<KnownSecret> secrets{{secret, "the password of users.primary"}};
  for (const std::string user : {"al", "ali", "alic"}) {
    const std::string body =
        "grant_type=password&username=" + user + "&password=" + form_encode(secret) + "&scope=x";
    const std::string header = "Authorization: " + basic_authorization("c-" + user, secret);
    for (const auto& sent : {body, header}) {
      auto x = canned(200, R"({"debug":")" + base64_encode(sent) + "\"}");
      EXPECT_EQ(secret_echoes(x, secrets).size(), 1u) << sent;
    }
  }
  const std::string other = "grant_type=password&username=alice&password=another-one&scope=x";
  EXPECT_TRUE(secret_echoes(canned(200, R"({"debug":")" + base64_encode(other) + "\"}"), secrets)
                  .empty());
}

TEST(SecretEchoTest, ShortSecretsAreIgnored) {
  std::vector<KnownSecret> secrets{{"abc", "a password"}};
  EXPECT_TRUE(secret_echoes(canned(200, R"({"x":"abc"})"), secrets).empty());
}

TEST(SecretEchoTest, UrlHeadersAndRunWideCheck) {
  std::vector<KnownSecret> secrets{{"secret-token-value-1", "an issued token"}};
  auto redirect =
      canned(302, "", {{"Location", "https://app/cb#access_token=secret-token-value-1"}});
  EXPECT_EQ(secrets_in_url_headers(redirect, secrets).size(), 1u);
  EXPECT_TRUE(
      secrets_in_url_headers(canned(302, "", {{"Location", "https://app/cb"}}), secrets).empty());
  std::vector<LoggedExchange> run{{"a.case", "", canned(200, "{}")}, {"b.case", "", redirect}};
  auto fs = findings_of([&] {
    expect_no_secret_echo(run, secrets);
    expect_no_secret_in_url_headers(run, secrets);
  });
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_FALSE(fs[0].passed);
  EXPECT_EQ(fs[0].id, "no_echo");
  EXPECT_NE(fs[0].actual.find("b.case"), std::string::npos);
  EXPECT_FALSE(fs[1].passed);
  std::vector<LoggedExchange> clean{{"a.case", "", canned(200, "{}")}};
  EXPECT_TRUE(only(findings_of([&] { expect_no_secret_echo(clean, secrets); })).passed);
  EXPECT_TRUE(only(findings_of([&] { expect_no_secret_in_url_headers(clean, secrets); })).passed);
}

TEST(SecretsInTextTest, FindsRawAndFormEncodedValues) {
  std::vector<KnownSecret> secrets{{"p@ss word&1", "the password of users.primary"},
                                   {"ock-canary-0123456789", "a canary credential"}};
  std::string log = "POST /token username=alice&password=" + form_encode("p@ss word&1") +
                    "\nERROR bad password ock-canary-0123456789\n";
  auto found = secrets_in_text(log, secrets);
  EXPECT_EQ(found.size(), 2u);
  EXPECT_FALSE(only(findings_of([&] { expect_no_secrets_in_text(log, secrets); })).passed);
  EXPECT_TRUE(only(findings_of([&] { expect_no_secrets_in_text("all quiet\n", secrets); })).passed);
}

}  // namespace
}  // namespace ock::conformance::checks
