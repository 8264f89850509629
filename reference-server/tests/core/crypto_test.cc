#include "reference-server/core/crypto.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace ock::server {
namespace {

TEST(CryptoTest, Sha256KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CryptoTest, RandomTokensAre256BitBase64Url) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto t = random_token();
    EXPECT_EQ(t.size(), 43u);
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(CryptoTest, PasswordHashVerifies) {
  auto h = hash_password("correct horse", 1000);
  EXPECT_EQ(h.rfind("pbkdf2_sha256$1000$", 0), 0u);
  EXPECT_TRUE(verify_password("correct horse", h));
  EXPECT_FALSE(verify_password("correct horsf", h));
  EXPECT_FALSE(verify_password("", h));
}

TEST(CryptoTest, SaltDiffersPerHash) {
  EXPECT_NE(hash_password("same", 10), hash_password("same", 10));
}

TEST(CryptoTest, MalformedEncodingsNeverVerify) {
  for (const std::string& bad : std::vector<std::string>{"", "plain", "pbkdf2_sha256$", "pbkdf2_sha256$x$AAAA$AAAA", "pbkdf2_sha256$0$AAAA$AAAA",
                          "pbkdf2_sha256$10$!!$AAAA", "md5$10$AAAA$AAAA"}) {
    EXPECT_FALSE(verify_password("x", bad)) << bad;
  }
}

TEST(CryptoTest, Base64RoundTripAndStrictness) {
  for (const std::string& s : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\0\xff", 2)}) {
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  }
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_FALSE(base64_decode("!!!"));
  EXPECT_FALSE(base64_decode("Zm9"));
  EXPECT_FALSE(base64_decode("Zm=v"));
  EXPECT_FALSE(base64_decode("=m9v"));
}

// RFC 7636 Appendix B: the verifier and the S256 challenge of the worked example.
// sha256 keeps one digest context per thread: many calls, on several threads at once, still
// give each input its own digest.
TEST(CryptoTest, Sha256IsRightOnEveryCallAndThread) {
  const std::string empty_hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const std::string abc_hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        if (sha256_hex(i % 2 ? "abc" : "") != (i % 2 ? abc_hex : empty_hex)) wrong.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(CryptoTest, Sha256Base64UrlIsThePkceS256Challenge) {
  EXPECT_EQ(sha256_base64url("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(CryptoTest, Base64UrlHasNoPaddingAndTheUrlAlphabet) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode(std::string("\xfb\xff\xbf", 3)), "-_-_");
  EXPECT_EQ(base64_encode(std::string("\xfb\xff\xbf", 3)), "+/+/");
}

TEST(CryptoTest, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

}  // namespace
}  // namespace ock::server
