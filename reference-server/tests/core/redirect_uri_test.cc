// Redirect URI registration and matching: exact comparison (RFC 9700 §4.1.3) and its near
// misses, the loopback port exception (RFC 8252 §7.3) and the tricks aimed at it.
#include "reference-server/core/redirect_uri.h"

#include <gtest/gtest.h>

namespace ock::server {
namespace {

TEST(RedirectUriTest, ExactMatchOnly) {
  const std::string reg = "https://client.example/cb";
  EXPECT_TRUE(redirect_uri_matches(reg, "https://client.example/cb"));
  for (const std::string bad :
       {"https://client.example/cb/extra", "https://client.example/cb?x=1",
        "https://client.example/CB", "HTTPS://client.example/cb", "https://Client.example/cb",
        "https://client.example/cb/", "https://client.example/c", "https://client.example:443/cb",
        "https://client.example/cb#frag", "https://client.example/cb%2F",
        "https://client.example.evil.test/cb", "http://client.example/cb",
        "https://client.example/cb ", ""}) {
    EXPECT_FALSE(redirect_uri_matches(reg, bad)) << bad;
  }
}

TEST(RedirectUriTest, RegisteredQueryMustBeRepeatedExactly) {
  const std::string reg = "https://client.example/cb?tenant=a&x=1";
  EXPECT_TRUE(redirect_uri_matches(reg, reg));
  EXPECT_FALSE(redirect_uri_matches(reg, "https://client.example/cb?x=1&tenant=a"));
  EXPECT_FALSE(redirect_uri_matches(reg, "https://client.example/cb?tenant=a"));
  EXPECT_FALSE(redirect_uri_matches(reg, "https://client.example/cb?tenant=a&x=1&y=2"));
}

TEST(RedirectUriTest, LoopbackMatchesAnyPortAndNothingElse) {
  const std::string reg = "http://127.0.0.1/callback";
  for (const std::string ok :
       {"http://127.0.0.1/callback", "http://127.0.0.1:1/callback",
        "http://127.0.0.1:51004/callback", "http://127.0.0.1:65535/callback"}) {
    EXPECT_TRUE(redirect_uri_matches(reg, ok)) << ok;
  }
  for (const std::string bad :
       {"http://127.0.0.1:51004/callback/", "http://127.0.0.1:51004/callback/x",
        "http://127.0.0.1:51004/Callback", "http://127.0.0.1:51004/callback?x=1",
        "http://127.0.0.1:0/callback", "http://127.0.0.1:65536/callback",
        "http://127.0.0.1:080/callback", "http://127.0.0.1:/callback",
        "http://127.0.0.1:8a/callback", "http://localhost:51004/callback",
        "https://127.0.0.1:51004/callback", "HTTP://127.0.0.1:51004/callback",
        "http://[::1]:51004/callback", "http://127.0.0.1:80@evil.example/callback",
        "http://127.0.0.1.evil.example/callback", "http://127.0.0.10/callback",
        "http://127.0.0.1:51004callback"}) {
    EXPECT_FALSE(redirect_uri_matches(reg, bad)) << bad;
  }
}

TEST(RedirectUriTest, LoopbackWithARegisteredPortOrIpv6AlsoTakesAnyPort) {
  EXPECT_TRUE(redirect_uri_matches("http://127.0.0.1:8080/cb", "http://127.0.0.1:9090/cb"));
  EXPECT_TRUE(redirect_uri_matches("http://127.0.0.1:8080/cb", "http://127.0.0.1/cb"));
  EXPECT_TRUE(redirect_uri_matches("http://[::1]/cb", "http://[::1]:4000/cb"));
  EXPECT_FALSE(redirect_uri_matches("http://[::1]/cb", "http://127.0.0.1:4000/cb"));
  EXPECT_TRUE(redirect_uri_matches("http://127.0.0.1", "http://127.0.0.1:5000"));
  EXPECT_FALSE(redirect_uri_matches("http://127.0.0.1", "http://127.0.0.1:5000/"));
  // localhost is not an IP literal: exact only (RFC 8252 §8.3).
  EXPECT_FALSE(redirect_uri_matches("http://localhost/cb", "http://localhost:4000/cb"));
}

TEST(RedirectUriTest, ResolvesToTheRequestedOrTheOnlyRegisteredUri) {
  const std::vector<std::string> one = {"https://client.example/cb"};
  const std::vector<std::string> two = {"https://a.example/cb", "http://127.0.0.1/cb"};
  EXPECT_EQ(resolve_redirect_uri(one, std::nullopt), "https://client.example/cb");
  EXPECT_EQ(resolve_redirect_uri(one, "https://client.example/cb"), "https://client.example/cb");
  EXPECT_EQ(resolve_redirect_uri(one, "https://client.example/cb2"), std::nullopt);
  EXPECT_EQ(resolve_redirect_uri(two, std::nullopt), std::nullopt) << "ambiguous: must be sent";
  EXPECT_EQ(resolve_redirect_uri(two, "http://127.0.0.1:7/cb"), "http://127.0.0.1:7/cb");
  EXPECT_EQ(resolve_redirect_uri({}, std::nullopt), std::nullopt);
  EXPECT_EQ(resolve_redirect_uri({}, "https://client.example/cb"), std::nullopt);
}

TEST(RedirectUriTest, RegistrationRules) {
  for (const std::string ok :
       {"https://client.example/cb", "https://client.example/cb?x=1", "http://127.0.0.1/callback",
        "http://127.0.0.1:8080/cb", "http://[::1]/cb", "http://localhost:3000/cb",
        "com.example.app:/oauth2redirect"}) {
    EXPECT_EQ(redirect_uri_problem(ok), std::nullopt) << ok;
  }
  for (const std::string bad :
       {"", "/relative/cb", "client.example/cb", "https://client.example/cb#x",
        "https://client.example/c b", "https://client.example/cb\n", "https://client.exämple/cb",
        "http://client.example/cb", "http://127.0.0.1.evil.example/cb", "https:///cb", "https://",
        "https://user@client.example/cb", "javascript:alert(1)", "JavaScript:alert(1)",
        "data:text/html,x", "file:///etc/passwd", "vbscript:x"}) {
    EXPECT_NE(redirect_uri_problem(bad), std::nullopt) << bad;
  }
}

TEST(RedirectUriTest, AppendsParametersAfterTheRegisteredQuery) {
  EXPECT_EQ(append_query("https://c.example/cb", "code=x"), "https://c.example/cb?code=x");
  EXPECT_EQ(append_query("https://c.example/cb?a=1", "code=x"), "https://c.example/cb?a=1&code=x");
  EXPECT_EQ(append_query("https://c.example/cb?", "code=x"), "https://c.example/cb?code=x");
  EXPECT_EQ(append_query("https://c.example/cb?a=1&", "code=x"), "https://c.example/cb?a=1&code=x");
}

}  // namespace
}  // namespace ock::server
