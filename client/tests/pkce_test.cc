// Unit tests of PKCE: the S256 challenge of RFC 7636 Appendix B, and verifiers and states that
// are fresh, of the right length and alphabet.
#include "client/pkce.h"

#include <gtest/gtest.h>

#include <set>

namespace ock::client {
namespace {

TEST(PkceTest, S256MatchesTheExampleOfRfc7636AppendixB) {
  EXPECT_EQ(s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(PkceTest, VerifierIs43UnreservedCharactersAndFreshEachTime) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string v = make_code_verifier();
    ASSERT_EQ(v.size(), 43u) << v;
    EXPECT_EQ(v.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << v;
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 50u);
  EXPECT_NE(make_state(), make_state());
  EXPECT_EQ(make_state().size(), 22u);  // 16 bytes, base64url without padding
}

TEST(PkceTest, Base64UrlHasNoPaddingAndTheUrlAlphabet) {
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64url_encode("f"), "Zg");
}

}  // namespace
}  // namespace ock::client
