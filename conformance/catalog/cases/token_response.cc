#include <map>

#include "conformance/catalog/cases/cases.h"
#include "conformance/catalog/catalog.h"
#include "conformance/checks/caching.h"
#include "conformance/checks/challenge.h"
#include "conformance/checks/check.h"
#include "conformance/checks/entropy.h"
#include "conformance/checks/introspection.h"
#include "conformance/checks/json.h"
#include "conformance/checks/scope.h"
#include "conformance/checks/secrets.h"
#include "conformance/checks/status.h"
#include "conformance/checks/token_reply.h"
#include "conformance/engine/grants.h"
#include "conformance/engine/probe.h"
#include "conformance/engine/token_reply.h"
#include "conformance/engine/url.h"
#include "conformance/model/ids.h"

namespace ock::conformance::catalog {
namespace {

using namespace engine;  // NOLINT: case files read as plain OAuth steps
using namespace checks;  // NOLINT


// The token responses published so far, each with its assertion suffix: "#password",
// "#refresh", "#client_credentials" (then "#password-2", ... for further ones of a kind).
std::vector<std::pair<std::string, HttpExchange>> token_responses(Probe& p) {
  std::vector<std::pair<std::string, HttpExchange>> out;
  std::map<std::string, int> seen;
  for (const auto& e : p.token_replies()) {
    int n = ++seen[e.kind];
    out.emplace_back("#" + e.kind + (n > 1 ? "-" + std::to_string(n) : ""), e.exchange);
  }
  if (out.empty()) p.skip("no token response was observed (no case issued a token)");
  return out;
}

// The error replies of the token endpoint that claim to be RFC 6749 §5.2 errors: 400/401, or any
// 4xx with a JSON "error" member. A 405 is not one, whatever its body: it is HTTP's answer to a
// method the endpoint does not take (RFC 9110 §15.5.6), and password.error.get_method judges it.
std::vector<std::pair<std::string, HttpExchange>> error_responses(Probe& p) {
  std::vector<std::pair<std::string, HttpExchange>> out;
  std::map<std::string, int> seen;
  for (const auto& e : p.error_replies()) {
    int s = e.exchange.response.status;
    if (s >= 500 || s == 405) continue;
    auto t = parse_token_response(e.exchange.response);
    bool claims = s == 400 || s == 401 || (t && t->error);
    if (!claims) continue;
    int n = ++seen[e.case_id];
    out.emplace_back("#" + e.case_id + (n > 1 ? "-" + std::to_string(n) : ""), e.exchange);
  }
  if (out.empty()) p.skip("no error reply of the token endpoint was observed");
  return out;
}

const std::vector<std::string> kTokenFollows = {"password.success.basic", "code.success",
                                                "refresh.success", "cc.success"};
const std::vector<std::string> kErrorFollows = {"client_auth.*", "password.error.*", "scope.*",
                                                "refresh.*", "cc.*"};

const Case kCases[] = {
    {.id = "token_response.status_media_type",
     .title = "Token responses are 200 application/json with one JSON object",
     .requirement = "The parameters are included in the entity-body of the HTTP response "
                    "using the \"application/json\" media type; the authorization server MUST "
                    "answer with 200 (RFC 6749 §5.1; RFC 8259 names SHOULD be unique).",
     .refs = {{"RFC6749", "5.1"}, {"RFC8259", "4"}},
     .level = Level::kMust,
     .follows = kTokenFollows,
     .reads = {facts::kTokenReplies},
     .needs_facts = kAnyTokenSource,
     .sends = "nothing: judges the token responses of password.success.basic, "
              "refresh.success and cc.success",
     .passes = "200, application/json (parameters allowed), one JSON object, no duplicate "
               "member names. FAIL: otherwise",
     .run = [](Probe& p) {
       for (const auto& [s, x] : token_responses(p)) {
         expect_status(x, 200, {.id = "status" + s});
         expect_json_content_type(x, {.id = "media_type" + s});
         expect_json_object(x, {.id = "json_object" + s});
         expect_no_duplicate_members(x, {.id = "no_duplicate_members" + s});
       }
     }},

    {.id = "token_response.cache_control_no_store",
     .title = "Token responses carry Cache-Control: no-store",
     .requirement = "The authorization server MUST include the HTTP \"Cache-Control\" response "
                    "header field with a value of \"no-store\" in any response containing "
                    "tokens, credentials, or other sensitive information (RFC 6749 §5.1).",
     .refs = {{"RFC6749", "5.1"}},
     .level = Level::kMust,
     .follows = kTokenFollows,
     .reads = {facts::kTokenReplies},
     .needs_facts = kAnyTokenSource,
     .sends = "nothing: judges every token response",
     .passes = "the Cache-Control directive list contains no-store. FAIL: absent",
     .run = [](Probe& p) {
       for (const auto& [s, x] : token_responses(p)) {
         expect_cache_control_no_store(x, {.id = "cache_control" + s});
       }
     }},

    {.id = "token_response.pragma_no_cache",
     .title = "Token responses carry Pragma: no-cache",
     .requirement = "The authorization server MUST include ... the \"Pragma\" response header "
                    "field with a value of \"no-cache\" (RFC 6749 §5.1).",
     .refs = {{"RFC6749", "5.1"}},
     .level = Level::kMust,
     .follows = kTokenFollows,
     .reads = {facts::kTokenReplies},
     .needs_facts = kAnyTokenSource,
     .sends = "nothing: judges every token response",
     .passes = "Pragma: no-cache. FAIL: absent (OAuth 2.1 drops this requirement)",
     .run = [](Probe& p) {
       for (const auto& [s, x] : token_responses(p)) {
         expect_pragma_no_cache(x, {.id = "pragma" + s});
       }
     }},

    {.id = "token_response.token_syntax",
     .title = "access_token and refresh_token are non-empty VSCHAR strings",
     .requirement = "access_token REQUIRED; the token strings MUST consist of VSCHAR "
                    "characters (RFC 6749 §5.1, App. A.12, A.17); a Bearer token travels as "
                    "b64token (RFC 6750 §2.1).",
     .refs = {{"RFC6749", "5.1"}, {"RFC6749", "A.12"}, {"RFC6749", "A.17"},
              {"RFC6750", "2.1"}},
     .level = Level::kMust,
     .follows = kTokenFollows,
     .reads = {facts::kTokenReplies},
     .needs_facts = kAnyTokenSource,
     .sends = "nothing: judges every token response",
     .passes = "access_token (and refresh_token when present) non-empty VSCHAR strings. FAIL: "
               "missing/empty/non-string/out of charset. WARN: access token not b64token",
     .run = [](Probe& p) {
       for (const auto& [s, x] : token_responses(p)) {
         expect_token_syntax(x, "access_token", {.id = "access_token_syntax" + s});
         if (auto j = parse_json_body(x.response); j && j->contains("refresh_token")) {
           expect_token_syntax(x, "refresh_token", {.id = "refresh_token_syntax" + s});
         }
         expect_b64token(x, "access_token",
                         {.id = "access_token_b64token" + s, .level = Level::kShould});
       }
     }},

    {.id = "token_response.token_type",
     .title = "token_type is Bearer (case-insensitive) or the configured type",
     .requirement = "token_type REQUIRED: The type of the token issued; the value is case "
                    "insensitive (RFC 6749 §5.1, §7.1; RFC 6750 §4).",
     .refs = {{"RFC6749", "5.1"}, {"RFC6749", "7.1"}, {"RFC6750", "4"}},
     .level = Level::kMust,
     .follows = kTokenFollows,
     .reads = {facts::kTokenReplies},
     .needs_facts = kAnyTokenSource,
     .sends = "nothing: judges every token response",
     .passes = "token_type equals the profile's token_type (default Bearer), ignoring case. "
               "FAIL: missing or different",
     .run = [](Probe& p) {
       for (const auto& [s, x] : token_responses(p)) {
         expect_token_type(x, p.profile().token_type, {.id = "token_type" + s});
       }
     }},

    {.id = "token_response.expires_in",
     .title = "expires_in is a positive integer JSON number",
     .requirement = "expires_in RECOMMENDED: The lifetime in seconds of the access token "
                    "(RFC 6749 §5.1); expires-in = 1*DIGIT (App. A.14).",
     .refs = {{"RFC6749", "5.1"}, {"RFC6749", "A.14"}},
     .level = Level::kShould,
     .follows = kTokenFollows,
     .reads = {facts::kTokenReplies},
     .needs_facts = kAnyTokenSource,
     .sends = "nothing: judges every token response",
     .passes = "a positive integer JSON number. WARN: absent or quoted (\"3600\"). FAIL: "
               "negative, fractional or non-numeric",
     .run = [](Probe& p) {
       for (const auto& [s, x] : token_responses(p)) {
         if (!engine::json_object_body(x.response)) continue;
         if (!expect_member_present(x, "expires_in", {.id = "expires_in_present" + s})) continue;
         expect_expires_in_value(x, {.id = "expires_in_value" + s, .level = Level::kMust});
         expect_expires_in_number(x, {.id = "expires_in_number" + s});
       }
     }},

    {.id = "token_response.scope_syntax",
     .title = "scope, when returned, is a string of scope-tokens separated by single spaces",
     .requirement = "The value of the scope parameter is expressed as a list of "
                    "space-delimited, case-sensitive strings; scope-token = 1*NQCHAR and the "
                    "value MUST follow this syntax (RFC 6749 §3.3, §5.1, App. A.4).",
     .refs = {{"RFC6749", "3.3"}, {"RFC6749", "5.1"}, {"RFC6749", "A.4"}},
     .level = Level::kMust,
     .follows = kTokenFollows,
     .reads = {facts::kTokenReplies},
     .needs_facts = kAnyTokenSource,
     .sends = "nothing: judges every token response",
     .passes = "absent, or scope-tokens separated by single spaces. FAIL: array, number, "
               "illegal characters. WARN: leading, trailing or doubled spaces",
     .run = [](Probe& p) {
       for (const auto& [s, x] : token_responses(p)) {
         if (!engine::json_object_body(x.response)) continue;
         expect_scope_characters(x, {.id = "scope_syntax" + s});
         expect_scope_spacing(x, {.id = "scope_spacing" + s, .level = Level::kShould});
       }
     }},

    {.id = "token_response.error_format",
     .title = "Token-endpoint error replies follow RFC 6749 §5.2",
     .requirement = "The authorization server responds with an HTTP 400 (Bad Request) status "
                    "code (unless specified otherwise) and includes the error parameter, "
                    "which MUST be one of the registered codes, in an application/json body "
                    "(RFC 6749 §5.2, App. A.7-A.9).",
     .refs = {{"RFC6749", "5.2"}, {"RFC6749", "A.7"}, {"RFC6749", "A.8"},
              {"RFC6749", "A.9"}},
     .level = Level::kMust,
     .follows = kErrorFollows,
     .needs_facts = kAnyTokenSource,
     .sends = "nothing: judges every error reply of the token endpoint seen in the run",
     .passes = "400 (401 for invalid_client), application/json, an error code of §5.2 or a "
               "registered extension, error_description/error_uri in their charsets. FAIL: "
               "any violation",
     .run = [](Probe& p) {
       for (const auto& [s, x] : error_responses(p)) {
         expect_error_response_format(x, {.id = "error_format" + s});
       }
     }},

    {.id = "token_response.error_no_store",
     .title = "Token-endpoint error replies also carry Cache-Control: no-store",
     .requirement = "The example error response of RFC 6749 §5.2 carries Cache-Control: "
                    "no-store; there is no normative text (advice: defence in depth).",
     .refs = {{"RFC6749", "5.2"}},
     .level = Level::kAdvice,
     .follows = kErrorFollows,
     .needs_facts = kAnyTokenSource,
     .sends = "nothing: judges every error reply of the token endpoint seen in the run",
     .passes = "Cache-Control: no-store on error replies. WARN: absent",
     .run = [](Probe& p) {
       for (const auto& [s, x] : error_responses(p)) {
         expect_cache_control_no_store(x, {.id = "cache_control" + s});
       }
     }},
};

}  // namespace

void add_token_response_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
