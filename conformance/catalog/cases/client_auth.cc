#include "conformance/catalog/cases/cases.h"
#include "conformance/catalog/catalog.h"
#include "conformance/checks/caching.h"
#include "conformance/checks/challenge.h"
#include "conformance/checks/check.h"
#include "conformance/checks/entropy.h"
#include "conformance/checks/introspection.h"
#include "conformance/checks/json.h"
#include "conformance/checks/metadata.h"
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


bool issued(const HttpExchange& x) { return x.response.status == 200 && token_issued(x); }

// The client authentication methods the published metadata lists (its default when the list
// is absent); none without a metadata document.
std::vector<std::string> advertised_methods(Probe& p) {
  auto m = p.published(facts::kMetadata);
  if (!m) return {};
  auto j = json_object_body(m->response);
  if (!j) return {};
  return string_list(*j, "token_endpoint_auth_methods_supported", {"client_secret_basic"});
}

const Case kCases[] = {
    {.id = "client_auth.basic.accepted",
     .title = "Password grant with HTTP Basic client authentication",
     .requirement = "The authorization server MUST support the HTTP Basic authentication "
                    "scheme for authenticating clients that were issued a client password "
                    "(RFC 6749 §2.3.1).",
     .refs = {{"RFC6749", "2.3.1"}},
     .level = Level::kMust,
     .writes = {facts::kAuthClientSecretBasic},
     .needs_facts = kAnyTokenSource,
     .sends = "the standard request with Authorization: Basic base64(formenc(id):formenc(secret))",
     .passes = "200 with a token. FAIL: rejected with correct credentials",
     .run = [](Probe& p) {
       const auto& cl = p.client(grant_client_role(p, "primary"));
       auto x = p.send(p.token_request(grant_form(p, cl.role), cl, AuthMethod::kBasic),
                       "password grant, Basic client authentication");
       bool ok = expect_token_issued(x, {.id = "accepted"});
       p.set_fact(facts::kAuthClientSecretBasic, ok ? "works" : "rejected");
     }},

    {.id = "client_auth.basic.form_encoded_specials",
     .title = "Basic client authentication for a client id/secret with : + / % = and space",
     .requirement = "The client identifier is encoded using the "
                    "\"application/x-www-form-urlencoded\" encoding algorithm per Appendix B, "
                    "and the encoded value is used as the username; the client password is "
                    "encoded using the same algorithm; the server MUST accept it "
                    "(RFC 6749 §2.3.1).",
     .refs = {{"RFC6749", "2.3.1"}, {"RFC6749", "B"}},
     .level = Level::kMust,
     .needs = {Need::kSpc},
     .needs_facts = kAnyTokenSource,
     .sends = "the standard request with clients.special_chars, id and secret form-encoded "
              "before base64; then a diagnostic request with the raw (unencoded) values",
     .passes = "200 with the encoded form. FAIL: encoded form rejected (the report says "
               "whether the raw form worked). WARN: both forms accepted",
     .run = [](Probe& p) {
       const auto& cl = p.client("special_chars");
       auto x = p.send(p.token_request(grant_form(p, cl.role), cl, AuthMethod::kBasic),
                       "Basic with form-encoded special characters");
       auto raw_req = p.token_request(grant_form(p, cl.role), cl, AuthMethod::kNone);
       raw_req.headers.push_back(
           {"Authorization", basic_authorization_raw(cl.id, cl.secret.value_or(""))});
       auto raw = p.send(raw_req, "diagnostic: Basic with the raw, unencoded values");
       if (!issued(x)) {
         p.note(issued(raw) ? "the raw (unencoded) form worked: the server does not "
                              "form-decode Basic credentials"
                            : "the raw (unencoded) form was rejected too");
       }
       expect_token_issued(x, {.id = "encoded_accepted"});
       expect_not_both_issued(x, raw, {.id = "raw_not_also_accepted", .level = Level::kShould});
     }},

    {.id = "client_auth.post.accepted",
     .title = "Password grant with client_id/client_secret in the request body",
     .requirement = "Alternatively, the authorization server MAY support including the client "
                    "credentials in the request-body using client_id and client_secret "
                    "(RFC 6749 §2.3.1).",
     .refs = {{"RFC6749", "2.3.1"}},
     .level = Level::kMay,
     .needs = {Need::kPost},
     .follows = {ids::kMetadataReachable},
     .reads = {facts::kMetadata},
     .writes = {facts::kAuthClientSecretPost},
     .needs_facts = kAnyTokenSource,
     .sends = "the standard request with client_id and client_secret in the body, no "
              "Authorization header",
     .passes = "200. PASS (note) when refused. WARN: client_secret_post is advertised in the "
               "metadata but refused",
     .run = [](Probe& p) {
       const auto& cl = p.post_client();
       auto x = p.send(p.token_request(grant_form(p, cl.role), cl, AuthMethod::kPost),
                       "password grant, client_secret_post");
       bool ok = expect_token_issued(x, {.id = "accepted"});
       p.set_fact(facts::kAuthClientSecretPost, ok ? "works" : "rejected");
       expect_works_if_advertised(ok ? "works" : "rejected", advertised_methods(p),
                                  "client_secret_post",
                                  {.id = "advertised_but_refused", .level = Level::kShould});
     }},

    {.id = "client_auth.wrong_secret",
     .title = "Token request with the right client id and a wrong secret (Basic, then body)",
     .requirement = "invalid_client: Client authentication failed. If the client attempted "
                    "to authenticate via the \"Authorization\" request header field, the "
                    "authorization server MUST respond with an HTTP 401 (Unauthorized) status "
                    "code and include the WWW-Authenticate response header field matching the "
                    "authentication scheme used by the client (RFC 6749 §5.2).",
     .refs = {{"RFC6749", "5.2"}},
     .level = Level::kMust,
     .needs_facts = kAnyTokenSource,
     .sends = "(a) Basic with the primary id and a canary secret; (b) client_id and a canary "
              "client_secret in the body; both with the primary user's real credentials",
     .passes = "(a) 401, WWW-Authenticate: Basic, invalid_client; (b) 400 or 401 "
               "invalid_client. FAIL: a token, another code, (a) no Basic challenge",
     .run = [](Probe& p) {
       ClientCreds wrong = p.client();
       wrong.secret = p.canary();
       auto a = p.send(p.token_request(grant_form(p, "primary"), wrong, AuthMethod::kBasic),
                       "(a) Basic, wrong secret");
       expect_no_token_issued(a, {.id = "no_token#basic"});
       expect_status(a, 401, {.id = "status#basic"});
       expect_www_authenticate(a, "Basic", {.id = "www_authenticate#basic"});
       expect_error_code(a, "invalid_client", {.id = "error_code#basic"});
       auto b = p.send(p.token_request(grant_form(p, "primary"), wrong, AuthMethod::kPost),
                       "(b) body credentials, wrong secret");
       expect_no_token_issued(b, {.id = "no_token#post"});
       expect_status_in(b, {400, 401}, {.id = "status#post"});
       expect_error_code(b, "invalid_client", {.id = "error_code#post"});
     }},

    {.id = "client_auth.unknown_client",
     .title = "Token request with Basic credentials of an unregistered client",
     .requirement = "invalid_client: Client authentication failed (e.g., unknown client ...); "
                    "the authorization server MUST respond with 401 and a WWW-Authenticate "
                    "challenge when the client used the Authorization header (RFC 6749 §5.2).",
     .refs = {{"RFC6749", "5.2"}},
     .level = Level::kMust,
     .needs_facts = kAnyTokenSource,
     .sends = "the standard request with Basic credentials of a random client id",
     .passes = "401 invalid_client with a Basic challenge. FAIL: a token, invalid_grant, "
               "unauthorized_client, another status",
     .run = [](Probe& p) {
       ClientCreds ghost{.role = "unknown", .id = "ock-unknown-" + p.random_token(10),
                         .secret = p.canary(), .auth_method = AuthMethod::kBasic};
       auto x = p.send(p.token_request(grant_form(p, "primary"), ghost, AuthMethod::kBasic),
                       "Basic, unknown client id");
       expect_no_token_issued(x);
       expect_status(x, 401);
       expect_www_authenticate(x, "Basic");
       expect_error_code(x, "invalid_client");
     }},

    {.id = "client_auth.missing_for_confidential",
     .title = "Password grant naming a confidential client without authenticating it",
     .requirement = "If the client type is confidential or the client was issued client "
                    "credentials, the client MUST authenticate with the authorization server "
                    "(RFC 6749 §4.3.2, §3.2.1); the server MUST require it.",
     .refs = {{"RFC6749", "4.3.2"}, {"RFC6749", "3.2.1"}},
     .level = Level::kMust,
     .needs_facts = kAnyTokenSource,
     .sends = "the standard request with client_id in the body, no secret, no Authorization",
     .passes = "400/401 invalid_client. FAIL: a token. WARN: refused with another code",
     .run = [](Probe& p) {
       auto form = grant_form(p, "primary");
       form.add("client_id", p.client().id);
       auto x = p.send(p.token_request(form, p.client(), AuthMethod::kNone),
                       "client_id only, no client authentication");
       expect_no_token_issued(x);
       expect_no_server_error(x);
       expect_status_in(x, {400, 401}, {.level = Level::kShould});
       expect_error_code(x, "invalid_client", {.level = Level::kShould});
     }},

    {.id = "client_auth.multiple_methods",
     .title = "Client authenticated twice: Basic header and client_secret in the body",
     .requirement = "The client MUST NOT use more than one authentication method in each "
                    "request (RFC 6749 §2.3); a server that accepts it tolerates a malformed "
                    "request (invalid_request, §5.2).",
     .refs = {{"RFC6749", "2.3"}, {"RFC6749", "5.2"}},
     .level = Level::kTolerance,
     .needs_facts = kAnyTokenSource,
     .sends = "the standard request with Basic and client_id/client_secret in the body",
     .passes = "400 invalid_request (or invalid_client). WARN: a token (FAIL in strict)",
     .run = [](Probe& p) {
       const auto& cl = p.client(grant_client_role(p, "primary"));
       auto form = grant_form(p, cl.role);
       form.add("client_id", cl.id);
       form.add("client_secret", cl.secret.value_or(""));
       auto x = p.send(p.token_request(form, cl, AuthMethod::kBasic),
                       "Basic and body credentials together");
       expect_no_token_issued(x);
       expect_status_in(x, {400, 401});
       expect_error_code_in(x, {"invalid_request", "invalid_client"});
     }},

    {.id = "client_auth.secret_in_query",
     .title = "Client credentials only in the URL query (disposable client)",
     .requirement = "The parameters can only be transmitted in the request-body and MUST NOT "
                    "be included in the request URI (RFC 6749 §2.3.1); a server that accepts "
                    "them tolerates the violation.",
     .refs = {{"RFC6749", "2.3.1"}, {"RFC6749", "3.2"}},
     .level = Level::kTolerance,
     .needs = {Need::kThrowaway},
     .needs_facts = kAnyTokenSource,
     .destructive = true,
     .sends = "POST token endpoint?client_id=<throwaway>&client_secret=<its secret>, grant "
              "parameters in the body (the secret will reach the target's access logs)",
     .passes = "any 4xx. WARN: a token (FAIL in strict)",
     .run = [](Probe& p) {
       const auto& cl = p.client("throwaway");
       auto req = p.token_request(grant_form(p, cl.role), cl, AuthMethod::kNone);
       Form q{{"client_id", cl.id}, {"client_secret", cl.secret.value_or("")}};
       req.url = append_query(req.url, q.encode());
       auto x = p.send(req, "client credentials in the query");
       expect_no_token_issued(x);
       expect_client_error(x);
     }},

    {.id = "client_auth.malformed_header",
     .title = "Malformed Basic headers: garbage, no colon, invalid UTF-8, bare scheme",
     .requirement = "The authorization server MUST answer a malformed request or failed "
                    "client authentication with invalid_request (400) or invalid_client "
                    "(401) (RFC 6749 §5.2; RFC 7617 §2), never with a token or a crash.",
     .refs = {{"RFC6749", "5.2"}, {"RFC7617", "2"}},
     .level = Level::kMust,
     .needs_facts = kAnyTokenSource,
     .sends = "Authorization: Basic !!! ; Basic base64(\"no-colon\") ; Basic base64 of "
              "invalid UTF-8 ; Basic (no credentials); the primary user's real credentials "
              "in the body",
     .passes = "400 invalid_request or 401 invalid_client each. FAIL: 2xx or 5xx. WARN: "
               "another 4xx or code",
     .run = [](Probe& p) {
       struct Variant {
         std::string header;
         std::string suffix;
       };
       std::vector<Variant> variants = {
           {"Basic !!!", "#garbage"},
           {"Basic " + base64_encode("no-colon"), "#no_colon"},
           {"Basic " + base64_encode(std::string("\xff\xfe\xc3(:\xc0\xaf")), "#bad_utf8"},
           {"Basic", "#bare"}};
       for (const auto& v : variants) {
         auto req = p.token_request(grant_form(p, "primary"), p.client(), AuthMethod::kNone);
         req.headers.push_back({"Authorization", v.header});
         auto x = p.send(req, "Authorization: " + v.suffix.substr(1));
         expect_no_token_issued(x, {.id = "no_token" + v.suffix});
         expect_no_server_error(x, {.id = "no_server_error" + v.suffix});
         expect_client_auth_error(x, {.id = "error" + v.suffix, .level = Level::kShould});
       }
     }},
};

}  // namespace

void add_client_auth_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
