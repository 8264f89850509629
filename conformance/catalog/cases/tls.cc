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
#include "conformance/checks/tls.h"
#include "conformance/checks/token_reply.h"
#include "conformance/checks/url.h"
#include "conformance/engine/command.h"
#include "conformance/engine/grants.h"
#include "conformance/engine/probe.h"
#include "conformance/engine/token_reply.h"
#include "conformance/engine/url.h"
#include "conformance/model/ids.h"

namespace ock::conformance::catalog {
namespace {

using namespace engine;  // NOLINT: case files read as plain OAuth steps
using namespace checks;  // NOLINT


// Every URL of the profile, by role.
std::vector<std::pair<std::string, std::string>> configured_urls(const Profile& prof) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("token", prof.token_url);
  if (!prof.revocation_url.empty()) out.emplace_back("revocation", prof.revocation_url);
  if (!prof.introspection_url.empty()) out.emplace_back("introspection", prof.introspection_url);
  if (auto m = prof.well_known_url(); !m.empty()) out.emplace_back("metadata", m);
  if (!prof.issuer.empty()) out.emplace_back("issuer", prof.issuer);
  for (const auto& r : prof.resources) out.emplace_back("resource:" + r.name, r.url);
  return out;
}

void skip_unless_https(Probe& p) {
  if (!is_https(p.profile().token_url)) {
    p.skip("plain-http target: the token endpoint is not https (tls.endpoints_https judges "
           "that); no TLS to examine");
  }
}

const Case kCases[] = {
    {.id = "tls.endpoints_https",
     .title = "Every endpoint URL of the target is https and has no fragment",
     .requirement = "The authorization server MUST require the use of TLS when sending "
                    "requests using password authentication, and the endpoint URI MUST NOT "
                    "include a fragment component (RFC 6749 §3.2, §10.9; RFC 6750 §5.3; "
                    "RFC 7009 §2; RFC 7662 §4; RFC 8414 §2).",
     .refs = {{"RFC6749", "3.2"}, {"RFC6749", "10.9"}, {"RFC6750", "5.3"}, {"RFC7009", "2"},
              {"RFC7662", "4"}, {"RFC8414", "2"}},
     .level = Level::kMust,
     .follows = {ids::kMetadataReachable},
     .reads = {facts::kMetadata},
     .sends = "nothing: inspects the configured URLs and those the metadata advertises",
     .passes = "every token/revocation/introspection/metadata/resource URL is https with no "
               "fragment. FAIL: any http URL or fragment",
     .run = [](Probe& p) {
       auto urls = configured_urls(p.profile());
       if (auto m = p.published(facts::kMetadata)) {
         if (auto j = parse_json_body(m->response); j && j->is_object()) {
           for (auto it = j->begin(); it != j->end(); ++it) {
             const auto& key = it.key();
             bool endpoint = key.size() > 9 && key.substr(key.size() - 9) == "_endpoint";
             if ((endpoint || key == "issuer") && it->is_string()) {
               urls.emplace_back("advertised:" + key, it->get<std::string>());
             }
           }
         }
       }
       std::set<std::string> seen;
       for (const auto& [role, url] : urls) {
         if (!seen.insert(role + " " + url).second) continue;
         expect_https_url(url, {.id = "https#" + role});
         expect_no_fragment(url, {.id = "no_fragment#" + role});
       }
     }},

    {.id = "tls.certificate_valid",
     .title = "The certificate of every https endpoint host validates",
     .requirement = "The authorization server MUST implement TLS with server authentication; "
                    "the client MUST validate the certificate chain and host name "
                    "(RFC 6749 §10.9; RFC 6750 §5.3).",
     .refs = {{"RFC6749", "10.9"}, {"RFC6750", "5.3"}},
     .level = Level::kMust,
     .sends = "one verified request to each https endpoint host (system trust store or "
              "tls.ca_file), even under --insecure",
     .passes = "chain valid, host name matches, within validity. FAIL: a validation error. "
               "WARN: the run used --insecure",
     .run = [](Probe& p) {
       skip_unless_https(p);
       std::set<std::string> origins;
       for (const auto& [role, url] : configured_urls(p.profile())) {
         if (is_https(url)) origins.insert(origin_of(url));
       }
       for (const auto& origin : origins) {
         HttpRequest r;
         r.method = "GET";
         r.url = origin + "/";
         r.verify_tls = true;
         auto x = p.try_send(r, "verified TLS handshake with " + origin);
         if (!x && x.error().kind != TransportError::Kind::kTls) {
           p.error("could not reach " + origin + ": " + x.error().message);
         }
         expect_certificate_valid(x, {.id = "certificate#" + origin});
       }
       expect_verified_run(p.profile().tls.insecure, {.level = Level::kShould});
     }},

    {.id = "tls.protocol_floor",
     .title = "TLS 1.0 and 1.1 refused, TLS 1.2 accepted, TLS 1.3 offered",
     .requirement = "TLS implementations MUST NOT negotiate TLS 1.0 or 1.1 (RFC 8996) and "
                    "MUST support TLS 1.2; they SHOULD support TLS 1.3 (RFC 9325 §3.1.1).",
     .refs = {{"RFC8996", "2"}, {"RFC9325", "3.1.1"}, {"RFC6749", "1.6"}},
     .level = Level::kMust,
     .sends = "four requests to the token endpoint host, pinned to TLS 1.0, 1.1, 1.2, 1.3",
     .passes = "1.0 and 1.1 refused, 1.2 or 1.3 accepted. FAIL: 1.0 or 1.1 negotiated, or "
               "neither 1.2 nor 1.3. WARN: no TLS 1.3",
     .run = [](Probe& p) {
       skip_unless_https(p);
       auto attempt = [&](TlsVersion v, const char* name) {
         HttpRequest r;
         r.url = origin_of(p.profile().token_url) + "/";
         r.tls_exact = v;
         auto x = p.try_send(r, std::string("handshake pinned to ") + name);
         if (!x && x.error().kind != TransportError::Kind::kTls &&
             x.error().kind != TransportError::Kind::kProtocol &&
             x.error().kind != TransportError::Kind::kOther) {
           p.error(std::string("could not reach the token endpoint host (") + name +
                   "): " + x.error().message);
         }
         return x.has_value();
       };
       bool v10 = attempt(TlsVersion::kV1_0, "TLS 1.0");
       bool v11 = attempt(TlsVersion::kV1_1, "TLS 1.1");
       bool v12 = attempt(TlsVersion::kV1_2, "TLS 1.2");
       bool v13 = attempt(TlsVersion::kV1_3, "TLS 1.3");
       expect_version_refused("TLS 1.0", v10, {.id = "tls1_0_refused"});
       expect_version_refused("TLS 1.1", v11, {.id = "tls1_1_refused"});
       expect_modern_tls(v12, v13);
       expect_version_accepted("TLS 1.3", v13, {.id = "tls1_3", .level = Level::kShould});
       p.note("a refusal can also come from this machine's TLS library, which may no longer "
              "offer TLS 1.0/1.1");
     }},

    {.id = "tls.cleartext_rejected",
     .title = "The token endpoint over plain http does not process OAuth requests",
     .requirement = "The authorization server MUST require the use of TLS ... when sending "
                    "requests to the token endpoint (RFC 6749 §3.2, §2.3.1; RFC 9700 §4.12).",
     .refs = {{"RFC6749", "3.2"}, {"RFC6749", "2.3.1"}, {"RFC9700", "4.12"}},
     .level = Level::kMust,
     .sends = "POST http://<token endpoint host and path> with canary client credentials and "
              "a canary user and password",
     .passes = "connection refused/reset, or a 4xx/426 without OAuth processing. FAIL: a "
               "token, or invalid_client/invalid_grant (cleartext was parsed). WARN: a "
               "redirect to https",
     .run = [](Probe& p) {
       skip_unless_https(p);
       std::string url = "http://" + p.profile().token_url.substr(8);
       ClientCreds ghost{.role = "canary", .id = p.canary(), .secret = p.canary(),
                         .auth_method = AuthMethod::kBasic};
       Form f{{"grant_type", "password"}, {"username", p.canary()}, {"password", p.canary()}};
       auto req = p.token_request(f, ghost, AuthMethod::kBasic);
       req.url = url;
       auto x = p.try_send(req, "token request over plain http (canary credentials)");
       expect_no_cleartext_processing(x);
       expect_no_redirect(x, {.level = Level::kShould});
     }},

    {.id = "tls.external_audit",
     .title = "testssl.sh finds no HIGH or CRITICAL issue on the token endpoint host",
     .requirement = "The TLS configuration SHOULD follow BCP 195 (RFC 9325); RFC 6749 §10.9 "
                    "requires TLS for every exchange of credentials.",
     .refs = {{"RFC9325", "3"}, {"RFC6749", "10.9"}},
     .level = Level::kShould,
     .needs = {Need::kTestssl},
     .time_delayed = true,
     .sends = "testssl.sh --quiet --jsonfile <tmp> <host:port> (runs for minutes)",
     .passes = "no HIGH/CRITICAL finding. WARN: such a finding (FAIL in strict); testssl's "
               "own WARN findings are recorded as notes",
     .run = [](Probe& p) {
       skip_unless_https(p);
       auto json = run_shell_into_file(
           shell_quote(p.profile().testssl_path) + " --quiet --warnings batch --jsonfile {file} " +
           shell_quote(host_port(p.profile().token_url)) + " >/dev/null 2>&1");
       if (!json) p.error("testssl.sh " + json.error());
       auto j = nlohmann::json::parse(*json, nullptr, false);
       if (j.is_discarded() || !j.is_array()) p.error("testssl.sh JSON did not parse");
       for (const auto& w : testssl_warnings(j)) p.note("testssl.sh could not test " + w);
       expect_no_severe_testssl_findings(j);
     }},
};

}  // namespace

void add_tls_cases(Catalog& c) {
  for (const auto& k : kCases) c.add(k);
}

}  // namespace ock::conformance::catalog
