#include "conformance/tests/report/sample_report.h"

#include <string>

namespace ock::conformance::report::testing {

using namespace std::string_literals;  // "...\0..."s keeps the NUL inside the string

RunReport sample_report() {
  RunReport r;
  r.runner_version = "0.1.0";
  r.catalog_version = "2026.1";
  r.mode = "rfc";
  r.target_name = "demo <&> \"target\"";
  r.base_url = "http://127.0.0.1:8000";
  r.profile_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  r.started = "2026-01-01T00:00:00Z";
  r.duration_ms = 12345;
  r.insecure = true;

  CaseResult pass;
  pass.id = "discovery.metadata.issuer";
  pass.area = "discovery";
  pass.title = "Metadata names the issuer";
  pass.requirement = "The authorization server's issuer identifier MUST be returned.";
  pass.refs = {{"RFC8414", "3.2"}};
  pass.level = "MUST";
  pass.verdict = Verdict::kPass;
  pass.reason = "issuer matches";
  pass.notes = {"server also publishes a jwks_uri"};
  pass.assertions = {{"issuer", Verdict::kPass, "http://127.0.0.1:8000", "http://127.0.0.1:8000"}};
  pass.duration_ms = 7;
  r.results.push_back(pass);

  CaseResult fail;
  fail.id = "password.error.wrong_password";
  fail.area = "password";
  fail.title = "Wrong password is refused with invalid_grant";
  fail.requirement =
      "The provided authorization grant ... is invalid: the server MUST answer invalid_grant.";
  fail.refs = {{"RFC6749", "5.2"}, {"RFC6749", "4.3.2"}};
  fail.level = "MUST";
  fail.verdict = Verdict::kFail;
  fail.reason = "expected 400 invalid_grant, got 200 <ok> & \"fine\"";
  fail.assertions = {{"status", Verdict::kFail, "400", "200"},
                     {"error_code", Verdict::kFail, "invalid_grant", "<absent> | `none`"},
                     {"content_type", Verdict::kPass, "application/json", "application/json"}};
  fail.duration_ms = 1234;
  fail.exchanges = {{"wrong password, Basic",
                     "POST /oauth/token/ HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n"
                     "Authorization: Basic ZGVt\xE2\x80\xA6 (sha256:1a2b3c4d)\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
                     "grant_type=password&username=alice&password=%E2%80%A6(redacted)",
                     "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"
                     "{\"access_token\":\"eyJh\xE2\x80\xA6 "
                     "(sha256:5e6f)\",\"note\":\"<b>caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC\"}"
                     "\0nul\x1b[31mred\x1b[0m \xFF bad byte ```fence```"s}};
  r.results.push_back(fail);

  CaseResult baselined;
  baselined.id = "client_auth.wrong_secret";
  baselined.area = "client_auth";
  baselined.title = "Wrong client secret is refused";
  baselined.requirement = "The authorization server MUST respond with an HTTP 401.";
  baselined.refs = {{"RFC6749", "5.2"}};
  baselined.level = "MUST";
  baselined.verdict = Verdict::kFail;
  baselined.baseline = Verdict::kFail;
  baselined.baseline_comment = "answers 400 instead of 401 (known, ticket #42)";
  baselined.reason = "expected 401, got 400";
  baselined.assertions = {{"status", Verdict::kFail, "401", "400"}};
  baselined.duration_ms = 15;
  r.results.push_back(baselined);

  CaseResult stale;
  stale.id = "client_auth.basic_challenge";
  stale.area = "client_auth";
  stale.title = "401 after Basic auth carries a Basic challenge";
  stale.requirement = "... MUST include the WWW-Authenticate response header field.";
  stale.refs = {{"RFC6749", "5.2"}};
  stale.level = "MUST";
  stale.verdict = Verdict::kPass;
  stale.baseline = Verdict::kFail;
  stale.baseline_comment = "used to answer with a Bearer challenge";
  stale.stale_baseline = true;
  stale.reason = "WWW-Authenticate: Basic realm=\"oauth\"";
  stale.duration_ms = 9;
  r.results.push_back(stale);

  CaseResult warn;
  warn.id = "token_response.pragma_no_cache";
  warn.area = "token_response";
  warn.title = "Token response carries Pragma: no-cache";
  warn.requirement = "The authorization server SHOULD include Pragma: no-cache.";
  warn.refs = {{"RFC6749", "5.1"}};
  warn.level = "SHOULD";
  warn.verdict = Verdict::kWarn;
  warn.reason = "Pragma header absent; *ask* @alice about [caching]";
  warn.assertions = {{"pragma#password", Verdict::kWarn, "no-cache", "(absent)"}};
  warn.duration_ms = 3;
  r.results.push_back(warn);

  CaseResult skip;
  skip.id = "refresh.rotation";
  skip.area = "refresh";
  skip.title = "Refresh token rotation";
  skip.refs = {{"RFC9700", "2.2.2"}};
  skip.level = "BCP";
  skip.verdict = Verdict::kSkip;
  skip.reason = "prerequisite missing";
  skip.skip_reason = "no refresh token issued";
  r.results.push_back(skip);

  CaseResult error;
  error.id = "bearer.header";
  error.area = "bearer";
  error.title = "Bearer token in the Authorization header is accepted";
  error.requirement = "Resource servers MUST support this method.";
  error.refs = {{"RFC6750", "2.1"}};
  error.level = "MUST";
  error.verdict = Verdict::kError;
  error.reason = "connection refused by 127.0.0.1:8000 <script>alert(1)</script>";
  error.duration_ms = 2001;
  error.exchanges = {{"GET users",
                      "GET /api/users/ HTTP/1.1\r\nAuthorization: Bearer abcd\xE2\x80\xA6\r\n\r\n",
                      ""}};
  r.results.push_back(error);

  CaseResult pass2;
  pass2.id = "password.success.basic";
  pass2.area = "password";
  pass2.title = "Password grant with Basic client auth";
  pass2.requirement = "The authorization server MUST ... issue an access token.";
  pass2.refs = {{"RFC6749", "4.3"}, {"RFC6749", "A.1"}};
  pass2.level = "MUST";
  pass2.verdict = Verdict::kPass;
  pass2.reason = "200 with a bearer token";
  pass2.duration_ms = 42;
  r.results.push_back(pass2);
  return r;
}

RunReport other_sample_report() {
  RunReport r = sample_report();
  r.target_name = "django-oauth-toolkit";
  r.base_url = "https://dot.example";
  r.started = "2026-01-02T00:00:00Z";
  r.insecure = false;
  r.results[1].verdict = Verdict::kPass;
  r.results[1].reason = "400 invalid_grant";
  r.results.erase(r.results.begin() + 5);  // refresh.rotation
  CaseResult extra;
  extra.id = "introspection.active";
  extra.area = "introspection";
  extra.verdict = Verdict::kPass;
  r.results.push_back(extra);
  return r;
}

}  // namespace ock::conformance::report::testing
