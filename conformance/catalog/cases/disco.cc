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


std::optional<nlohmann::json> metadata(Probe& p) {
  auto m = p.published(facts::kMetadata);
  if (!m) {
    p.skip("no metadata document was published (see " + std::string(ids::kMetadataReachable) + ")");
  }
  return parse_json_body(m->response);
}

std::vector<std::string> string_array(const nlohmann::json& j, const char* key,
                                      std::vector<std::string> fallback) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return fallback;
  std::vector<std::string> out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
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
       if (x.response.status == 404) {
         expect(false, {.id = "published", .level = Level::kShould},
                "a metadata document at " + r.url, "404");
         return;
       }
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
       auto it = j->find("issuer");
       std::string actual = it == j->end() ? "absent" : it->dump();
       expect(it != j->end() && it->is_string() &&
                  it->get<std::string>() == p.profile().issuer,
              {.id = "issuer"}, "\"" + p.profile().issuer + "\"", actual);
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
       auto issuer = j->find("issuer");
       bool issuer_ok = issuer != j->end() && issuer->is_string();
       expect(issuer_ok, {.id = "issuer_present"}, "a string issuer",
              issuer == j->end() ? "absent" : issuer->dump());
       if (issuer_ok) {
         auto v = issuer->get<std::string>();
         expect(v.find_first_of("?#") == std::string::npos, {.id = "issuer_no_query"},
                "no query or fragment", v);
         if (is_https(p.profile().token_url)) {
           expect(is_https(v), {.id = "issuer_https"}, "an https URL", v);
         } else {
           p.note("plain-http target: the https requirement on issuer is judged by "
                  "tls.endpoints_https");
         }
       }
       auto te = j->find("token_endpoint");
       expect(te != j->end() && te->is_string(), {.id = "token_endpoint"},
              "a string token_endpoint", te == j->end() ? "absent" : te->dump());
       auto rt = j->find("response_types_supported");
       bool rt_ok = rt != j->end() && rt->is_array();
       if (rt_ok) {
         for (const auto& v : *rt) rt_ok = rt_ok && v.is_string();
       }
       expect(rt_ok, {.id = "response_types_supported"}, "an array of strings",
              rt == j->end() ? "absent" : rt->dump());
       if (rt_ok && rt->empty()) {
         p.note("response_types_supported is empty: the server supports no response type "
                "(no authorization endpoint)");
       }
       auto grants = string_array(*j, "grant_types_supported",
                                  {"authorization_code", "implicit"});
       bool needs_authz = contains(grants, "authorization_code") || contains(grants, "implicit");
       if (needs_authz) {
         auto ae = j->find("authorization_endpoint");
         expect(ae != j->end() && ae->is_string(), {.id = "authorization_endpoint"},
                "authorization_endpoint (a grant that uses it is supported)",
                ae == j->end() ? "absent" : ae->dump());
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
     .reads = {facts::kAuthClientSecretBasic, facts::kAuthClientSecretPost, facts::kEndpointIntrospection, facts::kEndpointRevocation, facts::kEndpointToken, facts::kGrantClientCredentials, facts::kGrantPassword, facts::kGrantRefreshToken, facts::kMetadata},
     .sends = "nothing: compares the metadata with what other cases observed",
     .passes = "everything that works is advertised (an omitted list means its default), no "
               "advertised method is refused, configured endpoints equal the advertised "
               "ones. WARN: otherwise",
     .run = [](Probe& p) {
       auto j = metadata(p);
       auto grants = string_array(*j, "grant_types_supported",
                                  {"authorization_code", "implicit"});
       for (const auto& [g, fact] : {std::pair{"password", facts::kGrantPassword},
                                     std::pair{"refresh_token", facts::kGrantRefreshToken},
                                     std::pair{"client_credentials",
                                               facts::kGrantClientCredentials}}) {
         if (p.fact(fact) == "works") {
           expect(contains(grants, g), {.id = std::string("grant_types_supported#") + g},
                  std::string(g) + " advertised (it works)",
                  "grant_types_supported: " + nlohmann::json(grants).dump());
         }
       }
       auto methods = string_array(*j, "token_endpoint_auth_methods_supported",
                                   {"client_secret_basic"});
       for (const auto& [m, fact] :
            {std::pair{"client_secret_basic", facts::kAuthClientSecretBasic},
             std::pair{"client_secret_post", facts::kAuthClientSecretPost}}) {
         auto f = p.fact(fact);
         if (f == "works") {
           expect(contains(methods, m), {.id = std::string("auth_methods#") + m},
                  std::string(m) + " advertised (it works)",
                  "token_endpoint_auth_methods_supported: " + nlohmann::json(methods).dump());
         } else if (f == "rejected" && contains(methods, m)) {
           expect(false, {.id = std::string("auth_methods_refused#") + m},
                  std::string(m) + " works (it is advertised)", "refused");
         }
       }
       const std::vector<std::tuple<const char*, std::string, Fact>> endpoints = {
           {"token_endpoint", p.profile().token_url, facts::kEndpointToken},
           {"revocation_endpoint", p.profile().revocation_url, facts::kEndpointRevocation},
           {"introspection_endpoint", p.profile().introspection_url,
            facts::kEndpointIntrospection}};
       for (const auto& [member, configured, fact] : endpoints) {
         if (configured.empty()) continue;
         auto it = j->find(member);
         if (it == j->end() || !it->is_string()) {
           if (p.fact(fact) == "works") {
             expect(false, {.id = std::string(member) + "_advertised"},
                    std::string(member) + " advertised (the endpoint works)", "absent");
           }
           continue;
         }
         expect(it->get<std::string>() == configured, {.id = std::string(member)},
                configured, it->get<std::string>());
       }
     }},
};

}  // namespace

void add_disco_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
