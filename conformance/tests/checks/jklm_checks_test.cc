// Unit tests of checks_jklm (revocation, introspection, client_credentials and security checks):
// each check against canned exchanges, in its passing and its failing shape.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <string>
#include <vector>

#include "conformance/catalog/checks_jklm.h"
#include "conformance/catalog/form.h"
#include "conformance/catalog/probe_jklm.h"
#include "conformance/catalog/recorder.h"

namespace ock::conformance::catalog {
namespace {

HttpExchange canned(int status, std::string body,
                    Headers headers = {{"Content-Type", "application/json"}}) {
  HttpExchange x;
  x.response.status = status;
  x.response.body = std::move(body);
  x.response.headers = std::move(headers);
  x.label = "canned";
  return x;
}

std::vector<Finding> run_check(const std::function<void()>& f) {
  Recorder r;
  RecorderScope scope(r);
  f();
  return r.findings();
}

// The single finding a check recorded.
Finding only(const std::vector<Finding>& fs) {
  EXPECT_EQ(fs.size(), 1u);
  return fs.empty() ? Finding{} : fs.front();
}

std::vector<std::string> random_tokens(std::size_t n, std::size_t len, std::string_view alphabet) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string s;
    for (std::size_t j = 0; j < len; ++j) s.push_back(alphabet[pick(rng)]);
    out.push_back(s);
  }
  return out;
}

constexpr std::string_view kB64url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

TEST(OnlyActiveMemberTest, PassesOnMinimalReplyAndFailsOnExtras) {
  EXPECT_TRUE(only(run_check([] {
                expect_only_active_member(canned(200, R"({"active":false})"));
              })).passed);
  auto f = only(run_check(
      [] { expect_only_active_member(canned(200, R"({"active":false,"reason":"revoked"})")); }));
  EXPECT_FALSE(f.passed);
  EXPECT_NE(f.actual.find("reason"), std::string::npos);
}

TEST(MemberTypeTest, IntegerMember) {
  EXPECT_TRUE(only(run_check([] {
                expect_integer_member_if_present(canned(200, R"({"active":true})"), "exp");
              })).passed);
  EXPECT_TRUE(only(run_check([] {
                expect_integer_member_if_present(canned(200, R"({"exp":1700000000})"), "exp");
              })).passed);
  auto f = only(run_check(
      [] { expect_integer_member_if_present(canned(200, R"({"exp":"1700000000"})"), "exp"); }));
  EXPECT_FALSE(f.passed);
  EXPECT_EQ(f.id, "exp_type");
}

TEST(MemberTypeTest, StringMemberAndValue) {
  EXPECT_TRUE(only(run_check([] {
                expect_string_member_if_present(canned(200, R"({"client_id":"c"})"), "client_id");
              })).passed);
  EXPECT_FALSE(only(run_check([] {
                 expect_string_member_if_present(canned(200, R"({"client_id":7})"), "client_id");
               })).passed);
  EXPECT_TRUE(only(run_check([] {
                expect_member_equals_if_present(canned(200, R"({"active":true})"), "client_id",
                                                "c");
              })).passed);
  EXPECT_FALSE(only(run_check([] {
                 expect_member_equals_if_present(canned(200, R"({"client_id":"other"})"),
                                                 "client_id", "c");
               })).passed);
}

TEST(ScopeSetTest, OrderInsensitiveAndContradiction) {
  EXPECT_TRUE(only(run_check([] {
                expect_scope_set_if_present(canned(200, R"({"scope":"write read"})"), "read write");
              })).passed);
  EXPECT_FALSE(only(run_check([] {
                 expect_scope_set_if_present(canned(200, R"({"scope":"read admin"})"), "read");
               })).passed);
}

TEST(ExpNearTest, WithinAndOutsideLeeway) {
  EXPECT_TRUE(
      only(run_check([] { expect_exp_near(canned(200, R"({"exp":1003})"), 1000, 5); })).passed);
  EXPECT_FALSE(
      only(run_check([] { expect_exp_near(canned(200, R"({"exp":1100})"), 1000, 5); })).passed);
  EXPECT_FALSE(
      only(run_check([] { expect_exp_near(canned(200, R"({"active":true})"), 1000, 5); })).passed);
}

TEST(NoRefreshTokenTest, PresentAndAbsent) {
  EXPECT_TRUE(only(run_check([] {
                expect_no_refresh_token(canned(200, R"({"access_token":"a"})"));
              })).passed);
  EXPECT_FALSE(only(run_check([] {
                 expect_no_refresh_token(
                     canned(200, R"({"access_token":"a","refresh_token":"r"})"));
               })).passed);
}

TEST(EntropyTest, RandomBase64urlTokensClearBothBounds) {
  auto e = estimate_entropy(random_tokens(20, 43, kB64url));
  EXPECT_EQ(e.samples, 20u);
  EXPECT_GE(e.upper_bound_bits, 160.0);
  EXPECT_GE(e.shannon_bits, 128.0);
  auto fs = run_check([&] {
    expect_entropy_upper_bound(e, 128);
    expect_entropy_upper_bound(e, 160);
    expect_entropy_shannon(e, 128);
  });
  ASSERT_EQ(fs.size(), 3u);
  for (const auto& f : fs) EXPECT_TRUE(f.passed) << f.id;
  EXPECT_EQ(fs[0].id, "upper_bound_128");
}

TEST(EntropyTest, CommonPrefixIsStrippedAndShortHexFails) {
  auto raw = random_tokens(20, 8, "0123456789abcdef");
  for (auto& t : raw) t = "tok_prefix_" + t;
  auto e = estimate_entropy(raw);
  EXPECT_GE(e.common_prefix, 11u);
  EXPECT_LE(e.upper_bound_bits, 32.0 + 1e-9);
  EXPECT_FALSE(only(run_check([&] { expect_entropy_upper_bound(e, 128); })).passed);
  EXPECT_FALSE(only(run_check([&] { expect_entropy_shannon(e, 128); })).passed);
}

TEST(JwtTest, RecognisesJwtAndReadsClaims) {
  auto seg = [](std::string_view json) {
    std::string s = base64_encode(json);
    for (auto& c : s) {
      if (c == '+')
        c = '-';
      else if (c == '/')
        c = '_';
    }
    while (!s.empty() && s.back() == '=') s.pop_back();
    return s;
  };
  std::string jwt = seg(R"({"alg":"HS256","typ":"JWT"})") + "." +
                    seg(R"({"jti":"abc-1","sub":"alice"})") + ".c2ln";
  EXPECT_TRUE(is_jwt_shaped(jwt));
  EXPECT_EQ(jwt_string_claim(jwt, "jti"), "abc-1");
  EXPECT_FALSE(jwt_string_claim(jwt, "exp").has_value());
  EXPECT_FALSE(is_jwt_shaped("abc.def.ghi"));
  EXPECT_FALSE(is_jwt_shaped("opaque-token-value"));
}

TEST(DistinctTest, EqualPairsAndDisjoint) {
  EXPECT_TRUE(only(run_check([] { expect_all_distinct({"a1", "b2", "c3"}, "tokens"); })).passed);
  auto f = only(run_check([] { expect_all_distinct({"a1", "b2", "a1"}, "tokens"); }));
  EXPECT_FALSE(f.passed);
  EXPECT_EQ(f.id, "distinct");
  EXPECT_TRUE(only(run_check([] { expect_disjoint({"a", "b"}, {"c"}, "token"); })).passed);
  EXPECT_FALSE(only(run_check([] { expect_disjoint({"a", "b"}, {"b"}, "token"); })).passed);
}

TEST(VisibleSequenceTest, CounterTimestampAndRandom) {
  std::vector<std::string> counter;
  for (int i = 0; i < 5; ++i) counter.push_back("tok-" + std::to_string(100041 + i) + "-xyzw");
  EXPECT_TRUE(visible_sequence(counter, 1'700'000'000).has_value());
  std::vector<std::string> stamped{"a1700000123Zq", "b1700000124Zr", "c1700000130Zs"};
  EXPECT_TRUE(visible_sequence(stamped, 1'700'000'200).has_value());
  EXPECT_FALSE(visible_sequence(random_tokens(20, 43, kB64url), 1'700'000'000).has_value());
  EXPECT_FALSE(only(run_check([&] { expect_no_visible_sequence(counter, 1'700'000'000); })).passed);
  EXPECT_TRUE(only(run_check([] {
                expect_no_visible_sequence(random_tokens(20, 43, kB64url), 1'700'000'000);
              })).passed);
}

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
  auto fs = run_check([&] {
    expect_no_secret_echo(run, secrets);
    expect_no_secret_in_url_headers(run, secrets);
  });
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_FALSE(fs[0].passed);
  EXPECT_EQ(fs[0].id, "no_echo");
  EXPECT_NE(fs[0].actual.find("b.case"), std::string::npos);
  EXPECT_FALSE(fs[1].passed);
  std::vector<LoggedExchange> clean{{"a.case", "", canned(200, "{}")}};
  EXPECT_TRUE(only(run_check([&] { expect_no_secret_echo(clean, secrets); })).passed);
}

TEST(SecretsInTextTest, FindsRawAndFormEncodedValues) {
  std::vector<KnownSecret> secrets{{"p@ss word&1", "the password of users.primary"},
                                   {"ock-canary-0123456789", "a canary credential"}};
  std::string log = "POST /token username=alice&password=" + form_encode("p@ss word&1") +
                    "\nERROR bad password ock-canary-0123456789\n";
  auto found = secrets_in_text(log, secrets);
  EXPECT_EQ(found.size(), 2u);
  EXPECT_FALSE(only(run_check([&] { expect_no_secrets_in_text(log, secrets); })).passed);
  EXPECT_TRUE(only(run_check([&] { expect_no_secrets_in_text("all quiet\n", secrets); })).passed);
}

TEST(CaptureCommandOutputTest, ReturnsStdoutOrTheFailure) {
  auto ok = capture_command_output("printf 'line one\\nline two\\n'");
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(*ok, "line one\nline two\n");
  auto capped = capture_command_output("printf 0123456789", 4);
  ASSERT_TRUE(capped.has_value());
  EXPECT_EQ(*capped, "0123");
  auto failed = capture_command_output("exit 3");
  ASSERT_FALSE(failed.has_value());
  EXPECT_NE(failed.error().find("exit status 3"), std::string::npos);
}

}  // namespace
}  // namespace ock::conformance::catalog
