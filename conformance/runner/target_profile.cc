#include "conformance/runner/target_profile.h"

#include <openssl/sha.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace ock::conformance::runner {
namespace {

using engine::AuthMethod;
using engine::ClientCreds;
using engine::Profile;
using engine::Resource;
using engine::UserCreds;
using nlohmann::json;

// Thrown inside the parser only; parse_profile turns it into an error Result.
struct ProfileError {
  std::string message;
};

class Reader {
 public:
  explicit Reader(const EnvLookup& env) : env_(env) {}

  std::string substitute(const std::string& value, const std::string& path) const {
    std::string out;
    std::size_t pos = 0;
    while (true) {
      auto start = value.find("${env:", pos);
      if (start == std::string::npos) break;
      auto end = value.find('}', start);
      if (end == std::string::npos) throw ProfileError{path + ": unterminated ${env:...}"};
      out += value.substr(pos, start - pos);
      std::string name = value.substr(start + 6, end - start - 6);
      std::optional<std::string> fallback;  // ${env:NAME:-default}
      if (auto dash = name.find(":-"); dash != std::string::npos) {
        fallback = name.substr(dash + 2);
        name = name.substr(0, dash);
      }
      auto v = env_(name);
      if (!v) v = fallback;
      if (!v) throw ProfileError{path + ": environment variable " + name + " is not set"};
      out += *v;
      pos = end + 1;
    }
    out += value.substr(pos);
    return out;
  }

  std::optional<std::string> opt_string(const json& obj, const char* key,
                                        const std::string& path) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw ProfileError{path + key + ": not a string"};
    return substitute(it->get<std::string>(), path + key);
  }

  std::string req_string(const json& obj, const char* key, const std::string& path) const {
    auto v = opt_string(obj, key, path);
    if (!v) throw ProfileError{path + key + ": missing"};
    if (v->empty()) throw ProfileError{path + key + ": empty"};
    return *v;
  }

  std::optional<int> opt_int(const json& obj, const char* key, const std::string& path) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    if (it->is_number_integer()) {
      auto v = it->get<long long>();
      if (v < 0 || v > 100000000) throw ProfileError{path + key + ": out of range"};
      return static_cast<int>(v);
    }
    if (it->is_string()) {
      auto s = substitute(it->get<std::string>(), path + key);
      char* end = nullptr;
      long v = std::strtol(s.c_str(), &end, 10);
      if (!s.empty() && end && *end == '\0' && v >= 0) {
        // The same range as a JSON integer: "99999999999" wrapped to a negative int (found by
        // conformance/fuzz, runner_profile).
        if (v > 100000000) throw ProfileError{path + key + ": out of range"};
        return static_cast<int>(v);
      }
    }
    throw ProfileError{path + key + ": not a non-negative integer"};
  }

  std::optional<bool> opt_bool(const json& obj, const char* key, const std::string& path) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    if (it->is_boolean()) return it->get<bool>();
    if (it->is_string()) {
      auto s = substitute(it->get<std::string>(), path + key);
      if (s == "true") return true;
      if (s == "false") return false;
    }
    throw ProfileError{path + key + ": not a boolean"};
  }

 private:
  const EnvLookup& env_;
};

const json& object_at(const json& parent, const char* key, const std::string& path,
                      const json& empty) {
  auto it = parent.find(key);
  if (it == parent.end() || it->is_null()) return empty;
  if (!it->is_object()) throw ProfileError{path + key + ": not an object"};
  return *it;
}

void warn_unknown(const json& obj, std::initializer_list<const char*> known,
                  const std::string& path, std::vector<std::string>& warnings) {
  std::set<std::string> k(known.begin(), known.end());
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (!k.contains(it.key())) warnings.push_back(path + it.key() + ": unknown field, ignored");
  }
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), d);
  std::string out;
  char buf[3];
  for (auto c : d) {
    std::snprintf(buf, sizeof buf, "%02x", c);
    out += buf;
  }
  return out;
}

bool is_absolute(std::string_view url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

const json kEmpty = json::object();

// The sections of a profile, each parsed into the Profile under construction.
class ProfileParser {
 public:
  ProfileParser(const Reader& r, std::vector<std::string>& warnings) : r_(r), warnings_(warnings) {}

  Profile parse(const json& j) {
    if (!j.is_object()) throw ProfileError{"profile: not a JSON object"};
    warn_unknown(j,
                 {"name", "base_url", "issuer", "endpoints", "clients", "users", "scopes",
                  "resources", "timing", "tls", "allow_destructive", "logs_command", "token_type",
                  "grants", "login", "$schema", "$comment", "comment"},
                 "", warnings_);
    top_level(j);
    endpoints(object_at(j, "endpoints", "", kEmpty));
    clients(object_at(j, "clients", "", kEmpty));
    users(object_at(j, "users", "", kEmpty));
    scopes(object_at(j, "scopes", "", kEmpty));
    resources(j);
    timing(object_at(j, "timing", "", kEmpty));
    tls(object_at(j, "tls", "", kEmpty));
    grants(j);
    login(object_at(j, "login", "", kEmpty));
    return std::move(p_);
  }

 private:
  void top_level(const json& j) {
    p_.name = r_.req_string(j, "name", "");
    p_.base_url = r_.opt_string(j, "base_url", "").value_or("");
    if (!p_.base_url.empty() && !is_absolute(p_.base_url))
      throw ProfileError{"base_url: not an http:// or https:// URL"};
    while (!p_.base_url.empty() && p_.base_url.back() == '/') p_.base_url.pop_back();
    p_.issuer = r_.opt_string(j, "issuer", "").value_or("");
    p_.token_type = r_.opt_string(j, "token_type", "").value_or("Bearer");
    p_.allow_destructive = r_.opt_bool(j, "allow_destructive", "").value_or(false);
    p_.logs_command = r_.opt_string(j, "logs_command", "").value_or("");
  }

  std::string url_of(const std::string& value, const std::string& path) const {
    if (is_absolute(value)) return value;
    if (p_.base_url.empty()) throw ProfileError{path + ": relative path but no base_url"};
    return resolve_url(p_.base_url, value);
  }

  // An optional endpoint: "" when absent or empty.
  std::string optional_url(const json& ep, const char* key) const {
    auto v = r_.opt_string(ep, key, "endpoints.");
    return v && !v->empty() ? url_of(*v, std::string("endpoints.") + key) : std::string();
  }

  void endpoints(const json& ep) {
    warn_unknown(ep, {"token", "revocation", "introspection", "metadata", "authorization"},
                 "endpoints.", warnings_);
    p_.token_url = url_of(r_.req_string(ep, "token", "endpoints."), "endpoints.token");
    p_.revocation_url = optional_url(ep, "revocation");
    p_.introspection_url = optional_url(ep, "introspection");
    p_.metadata_url = optional_url(ep, "metadata");
    p_.authorization_url = optional_url(ep, "authorization");
  }

  ClientCreds client(const std::string& role, const json& e) const {
    std::string path = "clients." + role + ".";
    if (!e.is_object()) throw ProfileError{"clients." + role + ": not an object"};
    warn_unknown(e, {"id", "secret", "auth_method", "redirect_uri", "comment"}, path, warnings_);
    ClientCreds c;
    c.role = role;
    c.id = r_.req_string(e, "id", path);
    c.secret = r_.opt_string(e, "secret", path);
    c.redirect_uri = r_.opt_string(e, "redirect_uri", path).value_or("");
    if (!c.redirect_uri.empty() && !is_absolute(c.redirect_uri))
      throw ProfileError{path + "redirect_uri: not an absolute http:// or https:// URL"};
    auto method =
        r_.opt_string(e, "auth_method", path).value_or(c.secret ? "client_secret_basic" : "none");
    if (method == "client_secret_basic")
      c.auth_method = AuthMethod::kBasic;
    else if (method == "client_secret_post")
      c.auth_method = AuthMethod::kPost;
    else if (method == "none")
      c.auth_method = AuthMethod::kNone;
    else
      throw ProfileError{path + "auth_method: not client_secret_basic, client_secret_post or none"};
    bool is_public = role == "public";
    if (!is_public && (!c.secret || c.secret->empty()))
      throw ProfileError{path + "secret: missing"};
    if (c.auth_method != AuthMethod::kNone && !c.secret)
      throw ProfileError{path + "secret: missing"};
    return c;
  }

  void clients(const json& all) {
    for (auto it = all.begin(); it != all.end(); ++it)
      p_.clients.emplace(it.key(), client(it.key(), *it));
    if (!p_.client("primary")) throw ProfileError{"clients.primary: missing"};
  }

  void users(const json& all) {
    for (auto it = all.begin(); it != all.end(); ++it) {
      std::string path = "users." + it.key() + ".";
      if (!it->is_object()) throw ProfileError{"users." + it.key() + ": not an object"};
      warn_unknown(*it, {"username", "password", "comment"}, path, warnings_);
      UserCreds u;
      u.role = it.key();
      u.username = r_.req_string(*it, "username", path);
      u.password = r_.req_string(*it, "password", path);
      p_.users.emplace(u.role, std::move(u));
    }
  }

  void scopes(const json& scopes) {
    warn_unknown(scopes, {"request", "supported", "denied"}, "scopes.", warnings_);
    p_.scope_request = r_.opt_string(scopes, "request", "scopes.").value_or("");
    if (auto it = scopes.find("supported"); it != scopes.end() && !it->is_null()) {
      if (!it->is_array()) throw ProfileError{"scopes.supported: not an array of strings"};
      for (const auto& s : *it) {
        if (!s.is_string()) throw ProfileError{"scopes.supported: not an array of strings"};
        p_.scopes_supported.push_back(r_.substitute(s.get<std::string>(), "scopes.supported"));
      }
    }
    if (auto d = r_.opt_string(scopes, "denied", "scopes."); d && !d->empty()) p_.scope_denied = d;
  }

  Resource resource(std::size_t i, const json& e) const {
    std::string path = "resources[" + std::to_string(i) + "].";
    if (!e.is_object()) throw ProfileError{"resources[" + std::to_string(i) + "]: not an object"};
    warn_unknown(e, {"name", "method", "path", "url", "requires_scope", "json", "comment"}, path,
                 warnings_);
    Resource rr;
    rr.name = r_.opt_string(e, "name", path).value_or("resource-" + std::to_string(i));
    rr.method = r_.opt_string(e, "method", path).value_or("GET");
    auto where = r_.opt_string(e, "path", path);
    if (!where) where = r_.opt_string(e, "url", path);
    if (!where || where->empty()) throw ProfileError{path + "path: missing"};
    rr.url = url_of(*where, path + "path");
    if (auto s = r_.opt_string(e, "requires_scope", path); s && !s->empty()) rr.requires_scope = s;
    if (auto b = e.find("json"); b != e.end() && !b->is_null()) rr.json_template = b->dump();
    return rr;
  }

  void resources(const json& j) {
    auto res = j.find("resources");
    if (res == j.end() || !res->is_array() || res->empty())
      throw ProfileError{"resources: missing (at least one protected resource is required)"};
    for (std::size_t i = 0; i < res->size(); ++i) p_.resources.push_back(resource(i, (*res)[i]));
  }

  void timing(const json& t) {
    warn_unknown(t,
                 {"max_wait_s", "leeway_s", "propagation_window_s", "refresh_grace_s",
                  "bruteforce_attempts", "bruteforce_window_s", "code_lifetime_s"},
                 "timing.", warnings_);
    const std::pair<const char*, int*> fields[] = {
        {"max_wait_s", &p_.timing.max_wait_s},
        {"leeway_s", &p_.timing.leeway_s},
        {"propagation_window_s", &p_.timing.propagation_window_s},
        {"refresh_grace_s", &p_.timing.refresh_grace_s},
        {"bruteforce_attempts", &p_.timing.bruteforce_attempts},
        {"bruteforce_window_s", &p_.timing.bruteforce_window_s},
        {"code_lifetime_s", &p_.timing.code_lifetime_s}};
    for (const auto& [key, field] : fields) {
      if (auto v = r_.opt_int(t, key, "timing.")) *field = *v;
    }
  }

  // "grants": the grant types the target offers (RFC 8414 grant_types_supported values).
  void grants(const json& j) {
    auto it = j.find("grants");
    if (it == j.end() || it->is_null()) return;
    if (!it->is_array() || it->empty())
      throw ProfileError{"grants: not a non-empty array of strings"};
    for (const auto& g : *it) {
      if (!g.is_string()) throw ProfileError{"grants: not a non-empty array of strings"};
      p_.grants.push_back(r_.substitute(g.get<std::string>(), "grants"));
    }
    p_.grants_source = "the profile";
  }

  // "login": {"form": {...}} or {"command": "..."}: how a user logs in at the authorization
  // endpoint.
  void login(const json& l) {
    if (l.empty()) return;
    warn_unknown(l, {"form", "command", "comment"}, "login.", warnings_);
    auto& recipe = p_.login;
    recipe.command = r_.opt_string(l, "command", "login.").value_or("");
    const json& form = object_at(l, "form", "login.", kEmpty);
    if (recipe.command.empty() && !l.contains("form"))
      throw ProfileError{"login: needs \"form\" or \"command\""};
    warn_unknown(
        form, {"username_field", "password_field", "consent_field", "consent_value", "deny_value"},
        "login.form.", warnings_);
    if (auto v = r_.opt_string(form, "username_field", "login.form.")) recipe.username_field = *v;
    if (auto v = r_.opt_string(form, "password_field", "login.form.")) recipe.password_field = *v;
    recipe.consent_field = r_.opt_string(form, "consent_field", "login.form.").value_or("");
    recipe.consent_value = r_.opt_string(form, "consent_value", "login.form.").value_or("");
    recipe.deny_value = r_.opt_string(form, "deny_value", "login.form.").value_or("");
    recipe.configured = true;
  }

  void tls(const json& t) {
    warn_unknown(t, {"ca_file", "insecure"}, "tls.", warnings_);
    p_.tls.ca_file = r_.opt_string(t, "ca_file", "tls.").value_or("");
    p_.tls.insecure = r_.opt_bool(t, "insecure", "tls.").value_or(false);
  }

  const Reader& r_;
  std::vector<std::string>& warnings_;
  Profile p_;
};

}  // namespace

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

std::string resolve_url(std::string_view base_url, std::string_view path) {
  if (is_absolute(path)) return std::string(path);
  std::string out(base_url);
  while (!out.empty() && out.back() == '/') out.pop_back();
  if (path.empty() || path.front() != '/') out += '/';
  out += path;
  return out;
}

Result<LoadedProfile, std::string> parse_profile(std::string_view text, const EnvLookup& env) {
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return fail(std::string("profile: not valid JSON"));
  LoadedProfile out;
  try {
    Reader reader(env);
    out.profile = ProfileParser(reader, out.warnings).parse(j);
  } catch (const ProfileError& e) {
    return fail(e.message);
  }
  out.sha256 = sha256_hex(text);
  return out;
}

Result<LoadedProfile, std::string> load_profile(const std::string& path, const EnvLookup& env) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot read target profile " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto p = parse_profile(ss.str(), env);
  if (!p) return fail(path + ": " + p.error());
  return p;
}

}  // namespace ock::conformance::runner
