#include "conformance/runner/target_profile.h"

#include <openssl/sha.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace ock::conformance::runner {
namespace {

using nlohmann::json;
using engine::AuthMethod;
using engine::ClientCreds;
using engine::Profile;
using engine::Resource;
using engine::UserCreds;

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
      if (!s.empty() && end && *end == '\0' && v >= 0) return static_cast<int>(v);
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

void warn_unknown(const json& obj, std::initializer_list<const char*> known, const std::string& path,
                  std::vector<std::string>& warnings) {
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

Profile parse(const json& j, const Reader& r, std::vector<std::string>& warnings) {
  static const json kEmpty = json::object();
  if (!j.is_object()) throw ProfileError{"profile: not a JSON object"};
  warn_unknown(j,
               {"name", "base_url", "issuer", "endpoints", "clients", "users", "scopes",
                "resources", "timing", "tls", "allow_destructive", "logs_command", "token_type",
                "$comment", "comment"},
               "", warnings);
  Profile p;
  p.name = r.req_string(j, "name", "");
  p.base_url = r.opt_string(j, "base_url", "").value_or("");
  if (!p.base_url.empty() && !is_absolute(p.base_url))
    throw ProfileError{"base_url: not an http:// or https:// URL"};
  while (!p.base_url.empty() && p.base_url.back() == '/') p.base_url.pop_back();
  p.issuer = r.opt_string(j, "issuer", "").value_or("");
  p.token_type = r.opt_string(j, "token_type", "").value_or("Bearer");

  auto url_of = [&](const std::string& value, const std::string& path) {
    if (is_absolute(value)) return value;
    if (p.base_url.empty()) throw ProfileError{path + ": relative path but no base_url"};
    return resolve_url(p.base_url, value);
  };

  const json& ep = object_at(j, "endpoints", "", kEmpty);
  warn_unknown(ep, {"token", "revocation", "introspection", "metadata"}, "endpoints.", warnings);
  p.token_url = url_of(r.req_string(ep, "token", "endpoints."), "endpoints.token");
  if (auto v = r.opt_string(ep, "revocation", "endpoints."); v && !v->empty())
    p.revocation_url = url_of(*v, "endpoints.revocation");
  if (auto v = r.opt_string(ep, "introspection", "endpoints."); v && !v->empty())
    p.introspection_url = url_of(*v, "endpoints.introspection");
  if (auto v = r.opt_string(ep, "metadata", "endpoints."); v && !v->empty())
    p.metadata_url = url_of(*v, "endpoints.metadata");

  const json& clients = object_at(j, "clients", "", kEmpty);
  for (auto it = clients.begin(); it != clients.end(); ++it) {
    std::string path = "clients." + it.key() + ".";
    if (!it->is_object()) throw ProfileError{"clients." + it.key() + ": not an object"};
    warn_unknown(*it, {"id", "secret", "auth_method", "comment"}, path, warnings);
    ClientCreds c;
    c.role = it.key();
    c.id = r.req_string(*it, "id", path);
    c.secret = r.opt_string(*it, "secret", path);
    auto method = r.opt_string(*it, "auth_method", path).value_or(
        c.secret ? "client_secret_basic" : "none");
    if (method == "client_secret_basic") c.auth_method = AuthMethod::kBasic;
    else if (method == "client_secret_post") c.auth_method = AuthMethod::kPost;
    else if (method == "none") c.auth_method = AuthMethod::kNone;
    else throw ProfileError{path + "auth_method: not client_secret_basic, client_secret_post or none"};
    bool is_public = it.key() == "public";
    if (!is_public && (!c.secret || c.secret->empty()))
      throw ProfileError{path + "secret: missing"};
    if (c.auth_method != AuthMethod::kNone && !c.secret)
      throw ProfileError{path + "secret: missing"};
    p.clients.emplace(c.role, std::move(c));
  }
  if (!p.client("primary")) throw ProfileError{"clients.primary: missing"};

  const json& users = object_at(j, "users", "", kEmpty);
  for (auto it = users.begin(); it != users.end(); ++it) {
    std::string path = "users." + it.key() + ".";
    if (!it->is_object()) throw ProfileError{"users." + it.key() + ": not an object"};
    warn_unknown(*it, {"username", "password", "comment"}, path, warnings);
    UserCreds u;
    u.role = it.key();
    u.username = r.req_string(*it, "username", path);
    u.password = r.req_string(*it, "password", path);
    p.users.emplace(u.role, std::move(u));
  }
  if (!p.user("primary")) throw ProfileError{"users.primary: missing"};

  const json& scopes = object_at(j, "scopes", "", kEmpty);
  warn_unknown(scopes, {"request", "supported", "denied"}, "scopes.", warnings);
  p.scope_request = r.opt_string(scopes, "request", "scopes.").value_or("");
  if (auto it = scopes.find("supported"); it != scopes.end() && !it->is_null()) {
    if (!it->is_array()) throw ProfileError{"scopes.supported: not an array of strings"};
    for (const auto& s : *it) {
      if (!s.is_string()) throw ProfileError{"scopes.supported: not an array of strings"};
      p.scopes_supported.push_back(r.substitute(s.get<std::string>(), "scopes.supported"));
    }
  }
  if (auto d = r.opt_string(scopes, "denied", "scopes."); d && !d->empty()) p.scope_denied = d;

  auto res = j.find("resources");
  if (res == j.end() || !res->is_array() || res->empty())
    throw ProfileError{"resources: missing (at least one protected resource is required)"};
  for (std::size_t i = 0; i < res->size(); ++i) {
    const auto& e = (*res)[i];
    std::string path = "resources[" + std::to_string(i) + "].";
    if (!e.is_object()) throw ProfileError{"resources[" + std::to_string(i) + "]: not an object"};
    warn_unknown(e, {"name", "method", "path", "url", "requires_scope", "json", "comment"}, path,
                 warnings);
    Resource rr;
    rr.name = r.opt_string(e, "name", path).value_or("resource-" + std::to_string(i));
    rr.method = r.opt_string(e, "method", path).value_or("GET");
    auto where = r.opt_string(e, "path", path);
    if (!where) where = r.opt_string(e, "url", path);
    if (!where || where->empty()) throw ProfileError{path + "path: missing"};
    rr.url = url_of(*where, path + "path");
    if (auto s = r.opt_string(e, "requires_scope", path); s && !s->empty()) rr.requires_scope = s;
    if (auto b = e.find("json"); b != e.end() && !b->is_null()) rr.json_template = b->dump();
    p.resources.push_back(std::move(rr));
  }

  const json& timing = object_at(j, "timing", "", kEmpty);
  warn_unknown(timing,
               {"max_wait_s", "leeway_s", "propagation_window_s", "refresh_grace_s",
                "bruteforce_attempts", "bruteforce_window_s"},
               "timing.", warnings);
  if (auto v = r.opt_int(timing, "max_wait_s", "timing.")) p.timing.max_wait_s = *v;
  if (auto v = r.opt_int(timing, "leeway_s", "timing.")) p.timing.leeway_s = *v;
  if (auto v = r.opt_int(timing, "propagation_window_s", "timing."))
    p.timing.propagation_window_s = *v;
  if (auto v = r.opt_int(timing, "refresh_grace_s", "timing.")) p.timing.refresh_grace_s = *v;
  if (auto v = r.opt_int(timing, "bruteforce_attempts", "timing."))
    p.timing.bruteforce_attempts = *v;
  if (auto v = r.opt_int(timing, "bruteforce_window_s", "timing."))
    p.timing.bruteforce_window_s = *v;

  const json& tls = object_at(j, "tls", "", kEmpty);
  warn_unknown(tls, {"ca_file", "insecure"}, "tls.", warnings);
  p.tls.ca_file = r.opt_string(tls, "ca_file", "tls.").value_or("");
  p.tls.insecure = r.opt_bool(tls, "insecure", "tls.").value_or(false);
  p.allow_destructive = r.opt_bool(j, "allow_destructive", "").value_or(false);
  p.logs_command = r.opt_string(j, "logs_command", "").value_or("");
  return p;
}

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
    out.profile = parse(j, reader, out.warnings);
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
