// PKCE (RFC 7636): the S256 check with the RFC's own example, and the shape of the values.
#include "reference-server/core/pkce.h"

#include <gtest/gtest.h>

#include <string>

namespace ock::server {
namespace {

constexpr const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";  // Appendix B
constexpr const char* kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

TEST(PkceTest, S256VerifierMatchesItsChallenge) {
  EXPECT_TRUE(pkce_verifier_matches(kVerifier, kChallenge));
}

TEST(PkceTest, AnyOtherVerifierOrPlainDoesNotMatch) {
  std::string other = kVerifier;
  other.back() = 'Y';
  EXPECT_FALSE(pkce_verifier_matches(other, kChallenge));
  EXPECT_FALSE(pkce_verifier_matches(kChallenge, kChallenge)) << "plain: the challenge itself";
  EXPECT_FALSE(pkce_verifier_matches("", kChallenge));
  EXPECT_FALSE(pkce_verifier_matches(kVerifier, ""));
}

TEST(PkceTest, ValuesAre43To128UnreservedCharacters) {
  EXPECT_TRUE(is_pkce_value(std::string(43, 'a')));
  EXPECT_TRUE(is_pkce_value(std::string(128, '~')));
  EXPECT_TRUE(is_pkce_value("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ-._~0123456789"));
  EXPECT_FALSE(is_pkce_value(std::string(42, 'a')));
  EXPECT_FALSE(is_pkce_value(std::string(129, 'a')));
  EXPECT_FALSE(is_pkce_value(std::string(42, 'a') + "+"));
  EXPECT_FALSE(is_pkce_value(std::string(42, 'a') + "="));
  EXPECT_FALSE(is_pkce_value(std::string(42, 'a') + " "));
  EXPECT_FALSE(is_pkce_value(std::string(42, 'a') + "\xc3\xa9"));
}

TEST(PkceTest, AShortVerifierIsRefusedEvenWhenItsHashMatches) {
  // RFC 7636 §4.1: a verifier is at least 43 characters.
  EXPECT_FALSE(pkce_verifier_matches("short", "-bAHi131ltLqGQEMABu9AJ5lHeLFfo-341XzHrnT9zk"));
}

}  // namespace
}  // namespace ock::server
