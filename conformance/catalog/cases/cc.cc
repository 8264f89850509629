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


// The target says the grant is not enabled for this client (RFC 6749 §5.2).
bool grant_not_enabled(const HttpExchange& x) {
  auto t = parse_token_response(x.response);
  return x.response.status == 400 && t && t->error &&
         (*t->error == "unauthorized_client" || *t->error == "unsupported_grant_type");
}

const Case kCases[] = {
    {.id = ids::kCcSuccess,
     .title = "client_credentials grant with the primary client (or clients.no_password_grant)",
     .requirement = "The client can request an access token using only its client "
                    "credentials; the client MUST authenticate, and if the request is valid "
                    "and authorized the authorization server issues an access token (RFC 6749 "
                    "§4.4.2, §4.4.3).",
     .refs = {{"RFC6749", "4.4.2"}, {"RFC6749", "4.4.3"}},
     .level = Level::kMust,
     .needs = {Need::kCcGrant},
     .writes = {facts::kCcReply, facts::kEndpointToken, facts::kGrantClientCredentials,
                facts::kTokenReplies},
     .sends = "POST token endpoint grant_type=client_credentials&scope=<S> with the primary "
              "client's authentication; when the grant is not enabled for it, once more with "
              "clients.no_password_grant (servers that allow one grant per client)",
     .passes = "200 token response (the F cases judge it). FAIL: otherwise. SKIP: "
               "unauthorized_client or unsupported_grant_type (grant not enabled)",
     .run = [](Probe& p) {
       auto x = p.send(p.client_credentials_grant(), "client_credentials grant");
       if (grant_not_enabled(x) && p.profile().client("no_password_grant")) {
         x = p.send(p.client_credentials_grant("no_password_grant"),
                    "client_credentials grant, clients.no_password_grant");
       }
       p.set_fact(facts::kGrantClientCredentials, token_issued(x) ? "works" : "fails");
       if (token_issued(x)) p.set_fact(facts::kEndpointToken, "works");
       if (grant_not_enabled(x)) {
         p.skip("the client_credentials grant is not enabled for the client (" + describe(x) +
                ")");
       }
       require_token_issued(x);
       p.publish(facts::kCcReply, x);
       p.add_token_reply("client_credentials", x);
     }},

    {.id = "cc.no_refresh_token",
     .title = "The client_credentials token response carries no refresh token",
     .requirement = "A refresh token SHOULD NOT be included (RFC 6749 §4.4.3).",
     .refs = {{"RFC6749", "4.4.3"}},
     .level = Level::kShould,
     .needs = {Need::kCcGrant},
     .after = {ids::kCcSuccess},
     .reads = {facts::kCcReply},
     .sends = "nothing: reads cc.success's token response",
     .passes = "no refresh_token member. WARN: present",
     .run = [](Probe& p) {
       auto x = p.published(facts::kCcReply);
       if (!x) p.skip("cc.success published no token response");
       expect_no_refresh_token(*x);
     }},

    {.id = "cc.requires_client_auth",
     .title = "client_credentials grant naming the client without authenticating it",
     .requirement = "The client MUST authenticate with the authorization server as described "
                    "in Section 3.2.1 (RFC 6749 §4.4.2); the server MUST NOT issue a token "
                    "to an unauthenticated client.",
     .refs = {{"RFC6749", "4.4.2"}},
     .level = Level::kMust,
     .needs = {Need::kCcGrant},
     .needs_facts = {facts::kCcReply},
     .sends = "grant_type=client_credentials&scope=<S>&client_id=<primary>, no secret, no "
              "Authorization header",
     .passes = "400/401 invalid_client. FAIL: a token. WARN: refused with another status or "
               "code",
     .run = [](Probe& p) {
       Form f{{"grant_type", "client_credentials"}, {"client_id", p.client().id}};
       if (!p.profile().scope_request.empty()) f.add("scope", p.profile().scope_request);
       auto x = p.send(p.token_request(f, p.client(), AuthMethod::kNone),
                       "client_credentials with client_id only");
       expect_no_token_issued(x);
       expect_no_server_error(x);
       expect_status_in(x, {400, 401}, {.level = Level::kShould});
       expect_error_code(x, "invalid_client", {.level = Level::kShould});
     }},
};

}  // namespace

void add_cc_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
