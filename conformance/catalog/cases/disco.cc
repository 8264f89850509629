#include <algorithm>
#include <tuple>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

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
#include "conformance/checks/url.h"
#include "conformance/engine/grants.h"
#include "conformance/engine/probe.h"
#include "conformance/engine/token_reply.h"
#include "conformance/engine/url.h"
#include "conformance/model/ids.h"

namespace ock::conformance::catalog {
namespace {

using namespace engine;  // NOLINT: case files read as plain OAuth steps
using namespace checks;  // NOLINT


std::optional<nlohmann::json> metadata(Probe& p) {
  auto m = p.published(facts::kMetadata);
  if (!m) {
    p.skip("no metadata document was published (see " + std::string(ids::kMetadataReachable) + ")");
  }
  return parse_json_body(m->response);
}

const Case kCases[] = {
    {.id = ids::kMetadataReachable,
     .title = "Fetch the RFC 8414 metadata document of the issuer",
     .requirement = "Authorization servers supporting metadata MUST make a JSON document "
                    "available at the path formed by inserting a well-known URI string into "
                    "the issuer identifier; the response MUST use the 200 OK status and the "
                    "\"application/json\" content type (RFC 8414 §3, §3.1, §3.2).",
     .refs = {{"RFC8414", "3"}, {"RFC8414", "3.1"}, {"RFC8414", "3.2"}, {"RFC9700", "2.6"}},
     .level = Level::kMust,
     .needs = {Need::kIssuer},
     .writes = {facts::kMetadata},
     .sends = "GET issuer with /.well-known/oauth-authorization-server inserted between host "
              "and path (or endpoints.metadata)",
     .passes = "200, application/json, a JSON object. WARN: 404, no metadata (the other "
               "disco.* cases then SKIP). FAIL: 200 but not a JSON object or another media "
               "type",
     .run = [](Probe& p) {
       HttpRequest r;
       r.url = p.profile().well_known_url();
       r.headers.push_back({"Accept", "application/json"});
       auto x = p.send(r, "metadata document");
       if (!expect_found(x, "a metadata document at " + r.url, {.level = Level::kShould})) return;
       expect_status(x, 200);
       expect_json_content_type(x);
       bool object = expect_json_object(x);
       if (x.response.status == 200 && object) p.publish(facts::kMetadata, x);
     }},

    {.id = "disco.metadata.issuer_exact",
     .title = "The metadata issuer is identical to the configured issuer",
     .requirement = "The \"issuer\" value returned MUST be identical to the authorization "
                    "server's issuer identifier value into which the well-known URI string "
                    "was inserted (RFC 8414 §3.3).",
     .refs = {{"RFC8414", "3.3"}},
     .level = Level::kMust,
     .needs = {Need::kIssuer},
     .after = {ids::kMetadataReachable},
     .reads = {facts::kMetadata},
     .sends = "nothing: reads the metadata document",
     .passes = "issuer byte-identical to the configured issuer. FAIL: any difference",
     .run = [](Probe& p) {
       auto j = metadata(p);
       if (p.profile().issuer.empty()) p.skip("no issuer configured to compare with");
       expect_string_member_equals(*j, "issuer", p.profile().issuer);
     }},

    {.id = "disco.metadata.required_members",
     .title = "The metadata document has its REQUIRED members, correctly typed",
     .requirement = "issuer REQUIRED (https, no query or fragment), token_endpoint REQUIRED "
                    "unless only the implicit grant is supported, response_types_supported "
                    "REQUIRED, authorization_endpoint REQUIRED unless no grant type uses it "
                    "(RFC 8414 §2).",
     .refs = {{"RFC8414", "2"}},
     .level = Level::kMust,
     .needs = {Need::kIssuer},
     .after = {ids::kMetadataReachable},
     .reads = {facts::kMetadata},
     .sends = "nothing: reads the metadata document",
     .passes = "issuer, token_endpoint, response_types_supported present and typed; "
               "authorization_endpoint present unless no supported grant uses it. FAIL: a "
               "REQUIRED member missing or mistyped",
     .run = [](Probe& p) {
       auto j = metadata(p);
       if (expect_string_member(*j, "issuer", {.id = "issuer_present"})) {
         auto v = j->at("issuer").get<std::string>();
         expect_no_query_or_fragment(v, {.id = "issuer_no_query"});
         if (is_https(p.profile().token_url)) {
           expect_https_url(v, {.id = "issuer_https"});
         } else {
           p.note("plain-http target: the https requirement on issuer is judged by "
                  "tls.endpoints_https");
         }
       }
       expect_string_member(*j, "token_endpoint");
       bool rt_ok = expect_string_array_member(*j, "response_types_supported");
       auto rt = j->find("response_types_supported");
       if (rt_ok && rt->empty()) {
         p.note("response_types_supported is empty: the server supports no response type "
                "(no authorization endpoint)");
       }
       auto grants = string_list(*j, "grant_types_supported", {"authorization_code", "implicit"});
       if (contains(grants, "authorization_code") || contains(grants, "implicit")) {
         expect_string_member(*j, "authorization_endpoint");  // a grant that uses it is supported
       }
     }},

    {.id = "disco.metadata.capabilities_match",
     .title = "Advertised grant types, auth methods and endpoints agree with behaviour",
     .requirement = "grant_types_supported OPTIONAL (default authorization_code, implicit), "
                    "token_endpoint_auth_methods_supported OPTIONAL (default "
                    "client_secret_basic); the values SHOULD describe what the server "
                    "actually supports (RFC 8414 §2).",
     .refs = {{"RFC8414", "2"}},
     .level = Level::kShould,
     .needs = {Need::kIssuer},
     .after = {ids::kMetadataReachable},
     .follows = {"client_auth.*", "password.success.*", "refresh.success", "cc.success",
                 "revoke.*", "introspect.*"},
     .reads = {facts::kAuthClientSecretBasic, facts::kAuthClientSecretPost,
               facts::kEndpointIntrospection, facts::kEndpointRevocation, facts::kEndpointToken,
               facts::kGrantClientCredentials, facts::kGrantPassword, facts::kGrantRefreshToken,
               facts::kMetadata},
     .sends = "nothing: compares the metadata with what other cases observed",
     .passes = "everything that works is advertised (an omitted list means its default), no "
               "advertised method is refused, configured endpoints equal the advertised "
               "ones. WARN: otherwise",
     .run = [](Probe& p) {
       auto j = metadata(p);
       auto grants = string_list(*j, "grant_types_supported", {"authorization_code", "implicit"});
       for (const auto& [g, fact] : {std::pair{"password", facts::kGrantPassword},
                                     std::pair{"refresh_token", facts::kGrantRefreshToken},
                                     std::pair{"client_credentials",
                                               facts::kGrantClientCredentials}}) {
         expect_advertised_if_works(p.fact(fact), grants, "grant_types_supported", g);
       }
       auto methods = string_list(*j, "token_endpoint_auth_methods_supported",
                                  {"client_secret_basic"});
       for (const auto& [m, fact] :
            {std::pair{"client_secret_basic", facts::kAuthClientSecretBasic},
             std::pair{"client_secret_post", facts::kAuthClientSecretPost}}) {
         auto observed = p.fact(fact);
         expect_advertised_if_works(observed, methods, "token_endpoint_auth_methods_supported", m,
                                    {.id = std::string("auth_methods#") + m});
         expect_works_if_advertised(observed, methods, m,
                                    {.id = std::string("auth_methods_refused#") + m});
       }
       for (const auto& [member, configured, fact] :
            {std::tuple{"token_endpoint", p.profile().token_url, facts::kEndpointToken},
             std::tuple{"revocation_endpoint", p.profile().revocation_url,
                        facts::kEndpointRevocation},
             std::tuple{"introspection_endpoint", p.profile().introspection_url,
                        facts::kEndpointIntrospection}}) {
         if (!configured.empty()) expect_endpoint_advertised(*j, member, configured, p.fact(fact));
       }
     }},
};

}  // namespace

void add_disco_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
