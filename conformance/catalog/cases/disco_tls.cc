#include <algorithm>
#include <tuple>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "conformance/catalog/catalog.h"
#include "conformance/catalog/cases/cases.h"
#include "conformance/catalog/checks.h"
#include "conformance/catalog/probe.h"

namespace ock::conformance::catalog {
namespace {

constexpr const char* kA1 = "disco.metadata.reachable";
constexpr const char* kMetadataKey = "disco.metadata";

bool is_https(std::string_view url) { return url.rfind("https://", 0) == 0; }

// "https://host:port" of a URL.
std::string origin_of(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  auto path = url.find_first_of("/?#", scheme_end + 3);
  return std::string(url.substr(0, path));
}

// "host:port" (port defaulted from the scheme).
std::string host_port(std::string_view url) {
  std::string origin = origin_of(url);
  auto hp = origin.substr(origin.find("://") + 3);
  if (hp.find(':') == std::string::npos || hp.back() == ']') {
    hp += is_https(url) ? ":443" : ":80";
  }
  return hp;
}

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

std::optional<nlohmann::json> metadata(Probe& p) {
  auto m = p.shared().published(kMetadataKey);
  if (!m) {
    p.skip("no metadata document was published (see " + std::string(kA1) + ")");
  }
  return parse_json_body(m->response);
}

void skip_unless_https(Probe& p) {
  if (!is_https(p.profile().token_url)) {
    p.skip("plain-http target: the token endpoint is not https (tls.endpoints_https judges "
           "that); no TLS to examine");
  }
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

}  // namespace

void add_disco_tls_cases(Catalog& c) {
  c.add({.id = kA1,
         .title = "Fetch the RFC 8414 metadata document of the issuer",
         .requirement = "Authorization servers supporting metadata MUST make a JSON document "
                        "available at the path formed by inserting a well-known URI string into "
                        "the issuer identifier; the response MUST use the 200 OK status and the "
                        "\"application/json\" content type (RFC 8414 §3, §3.1, §3.2).",
         .refs = {{"RFC8414", "3"}, {"RFC8414", "3.1"}, {"RFC8414", "3.2"}, {"RFC9700", "2.6"}},
         .level = Level::kMust,
         .needs = {Need::kIssuer},
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
           if (x.response.status == 200 && object) p.shared().publish(kMetadataKey, x);
         }});

  c.add({.id = "disco.metadata.issuer_exact",
         .title = "The metadata issuer is identical to the configured issuer",
         .requirement = "The \"issuer\" value returned MUST be identical to the authorization "
                        "server's issuer identifier value into which the well-known URI string "
                        "was inserted (RFC 8414 §3.3).",
         .refs = {{"RFC8414", "3.3"}},
         .level = Level::kMust,
         .needs = {Need::kIssuer},
         .after = {kA1},
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
         }});

  c.add({.id = "disco.metadata.required_members",
         .title = "The metadata document has its REQUIRED members, correctly typed",
         .requirement = "issuer REQUIRED (https, no query or fragment), token_endpoint REQUIRED "
                        "unless only the implicit grant is supported, response_types_supported "
                        "REQUIRED, authorization_endpoint REQUIRED unless no grant type uses it "
                        "(RFC 8414 §2).",
         .refs = {{"RFC8414", "2"}},
         .level = Level::kMust,
         .needs = {Need::kIssuer},
         .after = {kA1},
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
         }});

  c.add({.id = "disco.metadata.capabilities_match",
         .title = "Advertised grant types, auth methods and endpoints agree with behaviour",
         .requirement = "grant_types_supported OPTIONAL (default authorization_code, implicit), "
                        "token_endpoint_auth_methods_supported OPTIONAL (default "
                        "client_secret_basic); the values SHOULD describe what the server "
                        "actually supports (RFC 8414 §2).",
         .refs = {{"RFC8414", "2"}},
         .level = Level::kShould,
         .needs = {Need::kIssuer},
         .after = {kA1},
         .follows = {"client_auth.*", "password.success.*", "refresh.success", "cc.success",
                     "revoke.*", "introspect.*"},
         .sends = "nothing: compares the metadata with what other cases observed",
         .passes = "everything that works is advertised (an omitted list means its default), no "
                   "advertised method is refused, configured endpoints equal the advertised "
                   "ones. WARN: otherwise",
         .run = [](Probe& p) {
           auto j = metadata(p);
           auto& s = p.shared();
           auto grants = string_array(*j, "grant_types_supported",
                                      {"authorization_code", "implicit"});
           for (const char* g : {"password", "refresh_token", "client_credentials"}) {
             if (s.fact(std::string("grant.") + g) == "works") {
               expect(contains(grants, g), {.id = std::string("grant_types_supported#") + g},
                      std::string(g) + " advertised (it works)",
                      "grant_types_supported: " + nlohmann::json(grants).dump());
             }
           }
           auto methods = string_array(*j, "token_endpoint_auth_methods_supported",
                                       {"client_secret_basic"});
           for (const char* m : {"client_secret_basic", "client_secret_post"}) {
             auto f = s.fact(std::string("auth.") + m);
             if (f == "works") {
               expect(contains(methods, m), {.id = std::string("auth_methods#") + m},
                      std::string(m) + " advertised (it works)",
                      "token_endpoint_auth_methods_supported: " + nlohmann::json(methods).dump());
             } else if (f == "rejected" && contains(methods, m)) {
               expect(false, {.id = std::string("auth_methods_refused#") + m},
                      std::string(m) + " works (it is advertised)", "refused");
             }
           }
           const std::vector<std::tuple<const char*, std::string, const char*>> endpoints = {
               {"token_endpoint", p.profile().token_url, "endpoint.token"},
               {"revocation_endpoint", p.profile().revocation_url, "endpoint.revocation"},
               {"introspection_endpoint", p.profile().introspection_url,
                "endpoint.introspection"}};
           for (const auto& [member, configured, fact] : endpoints) {
             if (configured.empty()) continue;
             auto it = j->find(member);
             if (it == j->end() || !it->is_string()) {
               if (s.fact(fact) == "works") {
                 expect(false, {.id = std::string(member) + "_advertised"},
                        std::string(member) + " advertised (the endpoint works)", "absent");
               }
               continue;
             }
             expect(it->get<std::string>() == configured, {.id = std::string(member)},
                    configured, it->get<std::string>());
           }
         }});

  c.add({.id = "tls.endpoints_https",
         .title = "Every endpoint URL of the target is https and has no fragment",
         .requirement = "The authorization server MUST require the use of TLS when sending "
                        "requests using password authentication, and the endpoint URI MUST NOT "
                        "include a fragment component (RFC 6749 §3.2, §10.9; RFC 6750 §5.3; "
                        "RFC 7009 §2; RFC 7662 §4; RFC 8414 §2).",
         .refs = {{"RFC6749", "3.2"}, {"RFC6749", "10.9"}, {"RFC6750", "5.3"}, {"RFC7009", "2"},
                  {"RFC7662", "4"}, {"RFC8414", "2"}},
         .level = Level::kMust,
         .follows = {kA1},
         .sends = "nothing: inspects the configured URLs and those the metadata advertises",
         .passes = "every token/revocation/introspection/metadata/resource URL is https with no "
                   "fragment. FAIL: any http URL or fragment",
         .run = [](Probe& p) {
           auto urls = configured_urls(p.profile());
           if (auto m = p.shared().published(kMetadataKey)) {
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
             expect(is_https(url), {.id = "https#" + role}, "an https URL", url);
             expect(url.find('#') == std::string::npos, {.id = "no_fragment#" + role},
                    "no fragment", url);
           }
         }});

  c.add({.id = "tls.certificate_valid",
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
             bool tls_error = !x && x.error().kind == TransportError::Kind::kTls;
             if (!x && !tls_error) p.error("could not reach " + origin + ": " + x.error().message);
             expect(!tls_error, {.id = "certificate#" + origin}, "a valid certificate",
                    tls_error ? x.error().message : "valid");
           }
           expect(!p.profile().tls.insecure, {.id = "not_insecure", .level = Level::kShould},
                  "a run that verifies certificates", "the run used --insecure");
         }});

  c.add({.id = "tls.protocol_floor",
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
           expect(!v10, {.id = "tls1_0_refused"}, "TLS 1.0 refused", v10 ? "negotiated" : "refused");
           expect(!v11, {.id = "tls1_1_refused"}, "TLS 1.1 refused", v11 ? "negotiated" : "refused");
           expect(v12 || v13, {.id = "modern_tls"}, "TLS 1.2 or 1.3 accepted",
                  std::string("TLS 1.2 ") + (v12 ? "accepted" : "refused") + ", TLS 1.3 " +
                      (v13 ? "accepted" : "refused"));
           expect(v13, {.id = "tls1_3", .level = Level::kShould}, "TLS 1.3 accepted",
                  v13 ? "accepted" : "refused");
           p.note("a refusal can also come from this machine's TLS library, which may no longer "
                  "offer TLS 1.0/1.1");
         }});

  c.add({.id = "tls.cleartext_rejected",
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
           if (!x) {
             expect(true, {.id = "no_cleartext_processing"}, "refused or no OAuth reply",
                    "no answer: " + x.error().message);
             return;
           }
           int s = x->response.status;
           auto t = parse_token_response(x->response);
           std::string err = t && t->error ? *t->error : "";
           bool oauth = token_issued(*x) || err == "invalid_client" || err == "invalid_grant" ||
                        err == "unauthorized_client" || err == "unsupported_grant_type" ||
                        err == "invalid_scope";
           bool redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
           expect(!oauth, {.id = "no_cleartext_processing"}, "no OAuth processing over http",
                  describe(*x));
           expect(!redirect, {.id = "no_redirect", .level = Level::kShould},
                  "no redirect (the credentials were already sent in clear)", describe(*x));
         }});

  c.add({.id = "tls.external_audit",
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
           namespace fs = std::filesystem;
           auto out = fs::temp_directory_path() / ("ock-testssl-" + p.random_token(8) + ".json");
           std::string cmd = "'" + p.profile().testssl_path + "' --quiet --warnings batch "
                             "--jsonfile '" + out.string() + "' '" +
                             host_port(p.profile().token_url) + "' >/dev/null 2>&1";
           int rc = std::system(cmd.c_str());
           std::ifstream in(out);
           if (!in) p.error("testssl.sh wrote no JSON (exit status " + std::to_string(rc) + ")");
           std::stringstream ss;
           ss << in.rdbuf();
           std::error_code ec;
           fs::remove(out, ec);
           auto j = nlohmann::json::parse(ss.str(), nullptr, false);
           if (j.is_discarded() || !j.is_array()) p.error("testssl.sh JSON did not parse");
           int findings = 0;
           for (const auto& f : j) {
             auto sev = f.value("severity", "");
             auto id = f.value("id", "?");
             if (sev == "HIGH" || sev == "CRITICAL") {
               ++findings;
               expect(false, {.id = "testssl#" + id}, "no HIGH/CRITICAL finding",
                      sev + ": " + f.value("finding", ""));
             } else if (sev == "WARN") {
               p.note("testssl.sh could not test " + id + ": " + f.value("finding", ""));
             }
           }
           if (findings == 0) expect(true, {.id = "testssl"}, "no HIGH/CRITICAL finding", "none");
         }});
}

}  // namespace ock::conformance::catalog
