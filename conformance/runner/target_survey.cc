#include "conformance/runner/target_survey.h"

#include <algorithm>
#include <cctype>

#include "conformance/engine/profile.h"
#include "conformance/engine/token_reply.h"

namespace ock::conformance::runner {
namespace {

using engine::HttpRequest;
using engine::HttpResponse;
using nlohmann::json;

constexpr std::size_t kMaxUrl = 2048;
constexpr std::size_t kMaxToken = 100;
constexpr std::size_t kMaxListItems = 64;

// A value the target sent, kept only when short printable ASCII without "${" (a profile string
// expands ${env:...}: a hostile metadata document must not make the runner read the environment).
bool clean(std::string_view v, std::size_t max) {
  if (v.empty() || v.size() > max || v.find("${") != std::string_view::npos) return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

bool clean_url(std::string_view v) {
  return clean(v, kMaxUrl) && (v.rfind("http://", 0) == 0 || v.rfind("https://", 0) == 0);
}

// Target text for a message or the comment: printable ASCII, at most 80 characters.
std::string printable(std::string_view v) {
  std::string out;
  for (char c : v.substr(0, 80)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return v.size() > 80 ? out + "..." : out;
}

bool is_html(const HttpResponse& r) {
  auto ct = r.header("Content-Type").value_or("");
  std::transform(ct.begin(), ct.end(), ct.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  // An empty body is no page, whatever its Content-Type says (Django's bare 403).
  auto first = r.body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return false;
  return ct.find("html") != std::string::npos || r.body[first] == '<';
}

std::string what_body(const HttpResponse& r) {
  if (r.body_bytes_dropped > 0) return "a body too large to be metadata";
  if (is_html(r)) return "an HTML page";
  if (r.body.empty()) return "an empty body";
  return "a body that is not a JSON object";
}

std::string error_code(const HttpResponse& r) {
  auto e = engine::string_member(r, "error");
  return e && clean(*e, 40) ? *e : std::string("an error");
}

std::string unreachable(const std::string& url, const engine::TransportError& e) {
  return "cannot reach " + printable(url) + " (" + engine::to_string(e.kind) + ": " +
         printable(e.message) + ")";
}

std::vector<std::string> clean_list(const json& doc, const char* key) {
  std::vector<std::string> out;
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (out.size() == kMaxListItems) break;
    if (v.is_string() && clean(v.get_ref<const std::string&>(), kMaxToken) &&
        std::find(out.begin(), out.end(), v.get<std::string>()) == out.end())
      out.push_back(v.get<std::string>());
  }
  return out;
}

// The path of an endpoint URL relative to the base URL, or the URL itself.
std::string dir_of(std::string_view path) {
  std::string p(path);
  while (!p.empty() && p.back() == '/') p.pop_back();
  auto slash = p.rfind('/');
  return slash == std::string::npos ? std::string("/") : p.substr(0, slash + 1);
}

class Survey {
 public:
  Survey(engine::Transport& t, const SurveyOptions& o) : t_(t), o_(o) {}

  Result<SurveyFindings, std::string> run() {
    auto meta = read_metadata();
    if (!meta) return fail(meta.error());
    if (f_.metadata_url.empty()) {
      if (auto e = probe_all(); !e.empty()) return fail(e);
    }
    return f_;
  }

 private:
  Result<HttpResponse, std::string> get(const std::string& url) {
    HttpRequest r;
    r.url = url;
    r.headers.push_back({"Accept", "application/json"});
    auto x = t_.send(r);
    if (!x) return fail(unreachable(url, x.error()));
    return x->response;
  }

  Result<HttpResponse, std::string> post_empty(const std::string& url) {
    HttpRequest r;
    r.method = "POST";
    r.url = url;
    r.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
    r.headers.push_back({"Accept", "application/json"});
    auto x = t_.send(r);
    if (!x) return fail(unreachable(url, x.error()));
    return x->response;
  }

  bool given(const std::string& name) const { return o_.given.contains(name); }

  // RFC 8414 §3.1 first, then OpenID Connect Discovery §4: the first 200 must be a JSON object.
  Result<bool, std::string> read_metadata() {
    const std::string urls[] = {engine::well_known_url_for(o_.base_url),
                                o_.base_url + "/.well-known/openid-configuration"};
    std::string statuses;
    for (const auto& url : urls) {
      auto r = get(url);
      if (!r) return fail(r.error());
      if (r->status != 200) {
        statuses += (statuses.empty() ? "" : ", ") + std::to_string(r->status);
        continue;
      }
      auto doc = r->body_bytes_dropped > 0 ? std::nullopt : engine::json_object_body(*r);
      if (!doc)
        return fail(printable(url) + " answered 200 with " + what_body(*r) +
                    " where RFC 8414 metadata (a JSON object) belongs: is --base-url the "
                    "authorization server?");
      take_metadata(url, *doc);
      if (!f_.endpoints.contains("token") && !given("token"))
        return fail("the metadata at " + printable(url) +
                    " names no usable token_endpoint: give --endpoint token=PATH");
      return true;
    }
    f_.notes.push_back("No metadata at " + urls[0] + " or " + urls[1] + " (answered " + statuses +
                       "): endpoints found by probing; the issuer is assumed to be base_url, so "
                       "the disco.* cases report the missing document.");
    return false;
  }

  void take_metadata(const std::string& url, const json& doc) {
    f_.metadata_url = url;
    f_.notes.push_back("Endpoints, grants, scopes and client authentication methods read from " +
                       url + ".");
    std::vector<std::string> ignored;
    if (auto it = doc.find("issuer"); it != doc.end()) {
      if (it->is_string() && clean_url(it->get_ref<const std::string&>()))
        f_.issuer = it->get<std::string>();
      else
        ignored.push_back("issuer");
    }
    const std::pair<const char*, const char*> members[] = {
        {"token_endpoint", "token"},
        {"revocation_endpoint", "revocation"},
        {"introspection_endpoint", "introspection"},
        {"authorization_endpoint", "authorization"}};
    for (const auto& [member, name] : members) {
      auto it = doc.find(member);
      if (it == doc.end()) continue;
      if (it->is_string() && clean_url(it->get_ref<const std::string&>()))
        f_.endpoints[name] = it->get<std::string>();
      else
        ignored.push_back(member);
    }
    f_.auth_methods = clean_list(doc, "token_endpoint_auth_methods_supported");
    f_.grants = clean_list(doc, "grant_types_supported");
    f_.scopes = clean_list(doc, "scopes_supported");
    if (!ignored.empty()) {
      std::string list;
      for (const auto& m : ignored) list += (list.empty() ? "" : ", ") + m;
      f_.notes.push_back("Ignored from the metadata (not a plain http(s) URL): " + list + ".");
    }
    if (!f_.issuer.empty() && f_.issuer != o_.base_url)
      f_.notes.push_back("The metadata's issuer " + f_.issuer + " differs from base_url " +
                         o_.base_url + ".");
  }

  // The endpoints a target without metadata has at the usual paths. "" or one sentence.
  std::string probe_all() {
    std::string token_path;
    if (given("token")) {
      token_path = relative_to(o_.base_url, o_.given.at("token"));  // siblings from its path
    } else {
      std::string tried;
      for (const auto& path : token_path_candidates()) {
        auto r = post_empty(o_.base_url + path);
        if (!r) return r.error();
        tried += (tried.empty() ? "" : ", ") + path;
        if (looks_like_token_endpoint(*r)) {
          token_path = path;
          f_.endpoints["token"] = o_.base_url + path;
          f_.notes.push_back("Token endpoint " + path + ": an empty POST got " +
                             std::to_string(r->status) + " \"" + error_code(*r) + "\".");
          break;
        }
      }
      if (token_path.empty())
        return "found neither metadata nor a token endpoint at " + o_.base_url + " (tried " +
               tried + "): give --endpoint token=PATH";
    }
    for (const char* name : {"revocation", "introspection"}) {
      if (given(name)) continue;
      for (const auto& path : sibling_candidates(name, token_path)) {
        auto r = post_empty(o_.base_url + path);
        if (!r) return r.error();
        if (!looks_like_protected_endpoint(*r)) continue;
        f_.endpoints[name] = o_.base_url + path;
        f_.notes.push_back(std::string(1, static_cast<char>(std::toupper(name[0]))) + (name + 1) +
                           " endpoint " + path + ": an empty POST got " +
                           std::to_string(r->status) + ".");
        break;
      }
    }
    if (!given("authorization") && !token_path.empty()) {
      for (const auto& path : sibling_candidates("authorization", token_path)) {
        auto r = get(o_.base_url + path);
        if (!r) return r.error();
        if (!looks_like_authorization_endpoint(*r)) continue;
        f_.endpoints["authorization"] = o_.base_url + path;
        f_.notes.push_back("Authorization endpoint " + path + ": a GET without parameters got " +
                           std::to_string(r->status) + ".");
        break;
      }
    }
    return "";
  }

  engine::Transport& t_;
  const SurveyOptions& o_;
  SurveyFindings f_;
};

}  // namespace

std::vector<std::string> token_path_candidates() {
  return {"/oauth/token/", "/o/token/",      "/token",          "/oauth/token",
          "/oauth2/token", "/connect/token", "/oauth2/v1/token"};
}

std::vector<std::string> sibling_candidates(std::string_view endpoint,
                                            std::string_view token_path) {
  std::vector<std::string> names, usual;
  if (endpoint == "revocation") {
    names = {"revoke_token", "revoke", "revocation"};
    usual = {"/oauth/revoke_token/", "/o/revoke_token/", "/revoke",
             "/oauth/revoke",        "/oauth2/revoke",   "/connect/revocation"};
  } else if (endpoint == "introspection") {
    names = {"introspect", "introspection"};
    usual = {"/oauth/introspect/", "/o/introspect/",     "/introspect",
             "/oauth/introspect",  "/oauth2/introspect", "/connect/introspect"};
  } else if (endpoint == "authorization") {
    names = {"authorize", "authorization"};
  }
  std::vector<std::string> out;
  auto add = [&](std::string p) {
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
  };
  if (!token_path.empty() && token_path.front() == '/') {
    bool slash = token_path.back() == '/';
    for (const auto& n : names) add(dir_of(token_path) + n + (slash ? "/" : ""));
  }
  for (auto& u : usual) add(std::move(u));
  return out;
}

bool looks_like_token_endpoint(const HttpResponse& r) {
  if (r.status != 400 && r.status != 401) return false;
  auto e = engine::string_member(r, "error");
  return e && !e->empty();
}

bool looks_like_protected_endpoint(const HttpResponse& r) {
  if (looks_like_token_endpoint(r)) return true;
  return (r.status == 401 || r.status == 403) && !is_html(r);
}

bool looks_like_authorization_endpoint(const HttpResponse& r) {
  if (r.status == 302 || r.status == 303 || r.status == 307)
    return r.header("Location").has_value();
  return r.status == 400 || r.status == 401;
}

Result<SurveyFindings, std::string> survey_target(engine::Transport& transport,
                                                  const SurveyOptions& options) {
  return Survey(transport, options).run();
}

}  // namespace ock::conformance::runner
