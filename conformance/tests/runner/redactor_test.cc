#include "conformance/runner/redactor.h"

#include <cctype>
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/engine/form.h"
#include "conformance/runner/glob.h"

namespace ock::conformance::runner {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(FingerprintTest, ShortPrefixAndSixHexDigits) {
  auto fp = fingerprint("alice-password-1");
  EXPECT_EQ(fp.substr(0, 4), "alic");
  EXPECT_THAT(fp, ::testing::MatchesRegex("alic\u2026#[0-9a-f]{6}"));
  EXPECT_EQ(fingerprint("abc").substr(0, 3), "\u2026");  // too short for a prefix
  EXPECT_EQ(fingerprint("same"), fingerprint("same"));
  EXPECT_NE(fingerprint("same"), fingerprint("other"));
}

TEST(RedactorTest, RedactsRawAndEncodedForms) {
  Redactor r({"s3cret:+/%= &x", "pä§wörd&=+%;1 ünïcode"});
  std::string text = "client_secret=" + engine::form_encode("s3cret:+/%= &x") +
                     "&password=" + engine::form_encode("pä§wörd&=+%;1 ünïcode") +
                     " raw s3cret:+/%= &x";
  auto out = r.redact(text);
  EXPECT_THAT(out, Not(HasSubstr("s3cret")));
  EXPECT_THAT(out, Not(HasSubstr("w%C3%B6rd")));
  EXPECT_THAT(out, HasSubstr("\u2026#"));
}

TEST(RedactorTest, RedactsAuthorizationCredentials) {
  Redactor r({});
  auto out = r.redact("POST / HTTP/1.1\r\nauthorization: Basic ZGVtbzpzZWNyZXQ=\r\nX: y\r\n\r\n");
  EXPECT_THAT(out, Not(HasSubstr("ZGVtbzpzZWNyZXQ=")));
  EXPECT_THAT(out, HasSubstr("authorization: Basic "));
  EXPECT_THAT(out, HasSubstr("X: y"));
  auto bearer = r.redact("Authorization: Bearer abc.def.ghi");
  EXPECT_THAT(bearer, Not(HasSubstr("abc.def.ghi")));
}

TEST(RedactorTest, EscapesInvalidUtf8AndControlBytes) {
  Redactor r({});
  EXPECT_EQ(r.redact(std::string("a\xff"
                                 "b")),
            "a\\xFFb");
  EXPECT_EQ(r.redact(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(r.redact("zo\xc3\xab\r\n"), "zo\xc3\xab\r\n");
}

// A target that echoes the request (debug pages do) writes a secret in its own encoding. The
// expected texts were made with Python's json.dumps, html.escape, urllib.parse.quote and base64,
// not with the code under test.
TEST(RedactorTest, RedactsTheEncodingsServersEchoSecretsIn) {
  const std::string secret = "p\xc3\xa4ssw\xc3\xb6rd&=+%;\xc3\x9f-0123456789";
  Redactor r({secret});
  const std::vector<std::string> echoes = {
      R"(p\u00e4ssw\u00f6rd&=+%;\u00df-0123456789)",
      R"(p\u00E4ssw\u00F6rd\u0026=+%;\u00DF-0123456789)",
      "p\xc3\xa4ssw\xc3\xb6rd&amp;=+%;\xc3\x9f-0123456789",
      "p%c3%a4ssw%c3%b6rd%26%3d%2b%25%3b%c3%9f-0123456789",
      "cMOkc3N3w7ZyZCY9KyU7w58tMDEyMzQ1Njc4OQ==",
      "cMOkc3N3w7ZyZCY9KyU7w58tMDEyMzQ1Njc4OQ",
  };
  for (const auto& echoed : echoes) {
    const std::string out = r.redact("<pre>echo: " + echoed + "</pre>");
    EXPECT_EQ(out.find(echoed), std::string::npos) << echoed;
    EXPECT_THAT(out, HasSubstr(fingerprint(secret))) << echoed;
  }
}

// Whether 6 consecutive bytes of `secret`, raw or form-encoded, can be read back from `text` by
// decoding a run of base64 or base64url in it from any offset, once or (depth 2) twice.
bool secret_decodable(std::string_view text, const std::string& secret, int depth = 2) {
  auto alphabet = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/' || c == '-' ||
           c == '_';
  };
  for (std::size_t i = 0; i < text.size();) {
    if (!alphabet(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && alphabet(text[end])) ++end;
    for (std::size_t off = 0; off < 4 && i + off < end; ++off) {
      std::string chunk(text.substr(i + off, end - i - off));
      if (chunk.size() % 4 == 1) chunk.pop_back();  // a lone character encodes no byte
      while (chunk.size() % 4 != 0) chunk += '=';     // the last 1 or 2 bytes
      for (auto& c : chunk) c = c == '-' ? '+' : c == '_' ? '/' : c;
      auto bytes = engine::base64_decode(chunk);
      if (!bytes) continue;
      for (const std::string& sent : {secret, engine::form_encode(secret)}) {
        for (std::size_t k = 0; k + 6 <= sent.size(); ++k) {
          if (bytes->find(sent.substr(k, 6)) != std::string::npos) return true;
        }
      }
      if (depth > 1 && secret_decodable(*bytes, secret, depth - 1)) return true;
    }
    i = end;
  }
  return false;
}

std::string base64url(std::string text) {
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (auto& c : text) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return text;
}

// Issue 8: a target that echoes base64 of the whole request body, or of a header, never holds
// base64 of the secret alone; whatever the secret's place in the body (each byte alignment),
// nothing of it can be decoded from the report.
TEST(RedactorTest, RedactsBase64OfWholeBodiesAndHeadersThatCarriedASecret) {
  for (const std::string& secret : {std::string("p\xc3\xa4ssw\xc3\xb6rd&=+%;\xc3\x9f-0123456789"),
                                   std::string("zeta-Pa55w0rd-1"), std::string("8chars!?")}) {
    Redactor r({secret});
    for (const std::string user : {"al", "ali", "alic"}) {
      const std::string form_body = "grant_type=password&username=" + user +
                                    "&password=" + engine::form_encode(secret) + "&scope=read";
      const std::string json_body = R"({"username":")" + user + R"(","password":")" + secret + "\"}";
      const std::string header =
          "Authorization: " + engine::basic_authorization("client-" + user, secret);
      const std::string raw_header =
          "Authorization: " + engine::basic_authorization_raw("c" + user, secret);
      for (const auto& sent : {form_body, json_body, header, raw_header}) {
        for (const auto& echoed : {engine::base64_encode(sent), base64url(engine::base64_encode(sent))}) {
          const std::string text = R"({"debug":")" + echoed + "\"}";
          ASSERT_TRUE(secret_decodable(text, secret)) << "the oracle misses " << sent;
          const std::string out = r.redact(text);
          EXPECT_FALSE(secret_decodable(out, secret)) << sent << " as " << echoed << " -> " << out;
          EXPECT_THAT(out, HasSubstr(fingerprint(secret))) << sent;
        }
      }
    }
  }
  // Base64 of a body without the secret is left as it is.
  Redactor r({"alice-password-1"});
  const std::string other = engine::base64_encode("grant_type=client_credentials&scope=read");
  EXPECT_EQ(r.redact(other), other);
}

TEST(RedactorTest, CapsLongText) {
  Redactor r({}, 10);
  auto out = r.redact_capped(std::string(100, 'a'));
  EXPECT_THAT(out, HasSubstr("90 more bytes"));
}

// Bytes cut before (when recorded, or by --max-body) count in the marker, which is written even
// when what was kept fits.
TEST(RedactorTest, CountsBytesCutBeforeInTheMarker) {
  Redactor r({}, 10);
  EXPECT_EQ(r.redact_capped(std::string(100, 'a'), 1000), std::string(10, 'a') + "\u2026[1090 more bytes]");
  EXPECT_EQ(r.redact_capped("abc", 7), "abc\u2026[7 more bytes]");
  EXPECT_EQ(r.redact_capped("abc"), "abc");
}

TEST(RedactorTest, RedactsEveryFieldOfACaseResult) {
  Redactor r({"tok-123456789"});
  CaseResult c;
  c.reason = "got tok-123456789";
  c.notes = {"tok-123456789"};
  c.assertions = {{"a", Verdict::kFail, "tok-123456789", "tok-123456789"}};
  c.skip_reason = "tok-123456789";
  c.exchanges = {{"tok-123456789", "tok-123456789", "tok-123456789"}};
  r.redact(c);
  std::string all = c.reason + c.notes[0] + c.assertions[0].expected + c.assertions[0].actual +
                    *c.skip_reason + c.exchanges[0].label + c.exchanges[0].request +
                    c.exchanges[0].response;
  EXPECT_THAT(all, Not(HasSubstr("tok-123456789")));
}

TEST(GlobTest, StarQuestionAndLiterals) {
  EXPECT_TRUE(glob_match("client_auth.*", "client_auth.basic.accepted"));
  EXPECT_TRUE(glob_match("*.wrong_*", "client_auth.wrong_secret"));
  EXPECT_TRUE(glob_match("a.?", "a.b"));
  EXPECT_FALSE(glob_match("a.?", "a.bc"));
  EXPECT_FALSE(glob_match("client_auth.*", "password.success.basic"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("exact.id", "exact.id"));
  EXPECT_FALSE(glob_match("exact.id", "exact.idx"));
}

}  // namespace
}  // namespace ock::conformance::runner
