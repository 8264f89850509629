#include "reference-server/core/seed.h"

#include <set>

#include "reference-server/core/crypto.h"
#include "reference-server/core/redirect_uri.h"

namespace ock::server {
namespace {

using nlohmann::json;

std::optional<std::string> check_strings(const json& obj, const std::string& where,
                                         std::initializer_list<const char*> required,
                                         std::initializer_list<const char*> optional) {
  if (!obj.is_object()) return where + ": must be an object";
  for (const char* k : required) {
    if (!obj.contains(k)) return where + "." + k + ": missing";
    if (!obj[k].is_string() || obj[k].get<std::string>().empty()) {
      return where + "." + k + ": must be a non-empty string";
    }
  }
  for (const char* k : optional) {
    if (obj.contains(k) && !obj[k].is_string()) return where + "." + k + ": must be a string";
  }
  return std::nullopt;
}

std::optional<std::string> check_string_array(const json& obj, const std::string& where, const char* key,
                                              const std::set<std::string>* allowed) {
  if (!obj.contains(key)) return std::nullopt;
  if (!obj[key].is_array()) return where + "." + key + ": must be an array of strings";
  for (const auto& v : obj[key]) {
    if (!v.is_string()) return where + "." + key + ": must be an array of strings";
    if (allowed && !allowed->count(v.get<std::string>())) {
      return where + "." + key + ": unknown value \"" + v.get<std::string>() + "\"";
    }
  }
  return std::nullopt;
}

std::vector<std::string> strings(const json& obj, const char* key) {
  std::vector<std::string> out;
  if (obj.contains(key)) {
    for (const auto& v : obj[key]) out.push_back(v.get<std::string>());
  }
  return out;
}

// The client a seed entry describes (its shape already checked).
Client client_of(const json& c) {
  std::optional<std::int64_t> ttl;
  if (c.contains("token_ttl")) ttl = c["token_ttl"].get<std::int64_t>();
  Client client = make_client(
      c["client_id"], c.value("client_secret", ""), c.value("name", ""),
      c.value("type", "confidential") == "public" ? ClientType::kPublic : ClientType::kConfidential,
      strings(c, "grants"), strings(c, "scopes"), ttl);
  client.redirect_uris = strings(c, "redirect_uris");
  client.first_party = c.value("first_party", false);
  return client;
}

std::optional<std::string> validate_client(const json& c, const std::string& where) {
  if (auto e = check_strings(c, where, {"client_id"}, {"client_secret", "name", "type"})) return e;
  std::string type = c.value("type", "confidential");
  if (type != "confidential" && type != "public")
    return where + ".type: must be confidential or public";
  if (auto e = check_string_array(c, where, "grants", &known_grants())) return e;
  if (auto e = check_string_array(c, where, "scopes", nullptr)) return e;
  if (auto e = check_string_array(c, where, "redirect_uris", nullptr)) return e;
  if (c.contains("token_ttl") &&
      (!c["token_ttl"].is_number_integer() || c["token_ttl"].get<long long>() < 1)) {
    return where + ".token_ttl: must be a positive whole number of seconds";
  }
  if (c.contains("first_party") && !c["first_party"].is_boolean()) {
    return where + ".first_party: must be true or false";
  }
  if (auto e = client_problem(client_of(c))) return where + "." + *e;
  return std::nullopt;
}

std::optional<std::string> validate(const json& seed) {
  if (!seed.is_object()) return "the seed must be a JSON object";
  if (seed.contains("scopes")) {
    if (!seed["scopes"].is_object()) return "scopes: must be an object of name -> description";
    for (const auto& [k, v] : seed["scopes"].items()) {
      if (!v.is_string()) return "scopes." + k + ": must be a string";
      if (k.empty() || k.find(' ') != std::string::npos) return "scopes: \"" + k + "\" is not a scope name";
    }
  }
  if (auto e = check_string_array(seed, "seed", "groups", nullptr)) return e;
  if (seed.contains("users")) {
    if (!seed["users"].is_array()) return "users: must be an array";
    for (std::size_t i = 0; i < seed["users"].size(); ++i) {
      const json& u = seed["users"][i];
      std::string where = "users[" + std::to_string(i) + "]";
      if (auto e = check_strings(u, where, {"username", "password"}, {"email", "first_name", "last_name"})) return e;
      if (u.contains("staff") && !u["staff"].is_boolean()) return where + ".staff: must be true or false";
      if (auto e = check_string_array(u, where, "groups", nullptr)) return e;
    }
  }
  if (seed.contains("clients")) {
    if (!seed["clients"].is_array()) return "clients: must be an array";
    for (std::size_t i = 0; i < seed["clients"].size(); ++i) {
      if (auto e = validate_client(seed["clients"][i], "clients[" + std::to_string(i) + "]"))
        return e;
    }
  }
  return std::nullopt;
}

}  // namespace

const std::set<std::string>& known_grants() {
  static const std::set<std::string> kGrants{"authorization_code", "password", "refresh_token",
                                             "client_credentials"};
  return kGrants;
}

std::optional<std::string> client_problem(const Client& client) {
  const bool is_public = client.type == ClientType::kPublic;
  if (is_public && !client.secret_hash.empty())
    return "client_secret: a public client has no secret";
  if (!is_public && client.secret_hash.empty()) {
    return "client_secret: missing (confidential clients need a secret)";
  }
  bool code_grant = false;
  for (const auto& g : client.grants) {
    code_grant = code_grant || g == "authorization_code";
    if (is_public && g != "authorization_code" && g != "refresh_token") {
      return "grants: a public client may use only authorization_code and refresh_token, not " + g;
    }
  }
  for (std::size_t i = 0; i < client.redirect_uris.size(); ++i) {
    if (auto why = redirect_uri_problem(client.redirect_uris[i])) {
      return "redirect_uris[" + std::to_string(i) + "]: " + *why;
    }
  }
  if (code_grant && client.redirect_uris.empty()) {
    return "redirect_uris: missing (the authorization_code grant needs at least one)";
  }
  return std::nullopt;
}

Client make_client(const std::string& id, const std::string& secret, const std::string& name,
                   ClientType type, std::vector<std::string> grants, std::vector<std::string> scopes,
                   std::optional<std::int64_t> token_ttl) {
  Client c;
  c.client_id = id;
  c.secret_hash = secret.empty() ? "" : sha256_hex(secret);
  c.name = name;
  c.type = type;
  c.grants = std::move(grants);
  c.scopes = std::move(scopes);
  c.token_ttl = token_ttl;
  return c;
}

Result<SeedSummary, std::string> apply_seed(Store& store, const json& seed, int pbkdf2_iterations) {
  if (auto e = validate(seed)) return unexpected(*e);
  SeedSummary sum;
  const auto fail = [](const StorageError& e) { return unexpected("storage: " + e.message); };
  if (seed.contains("scopes")) {
    for (const auto& [k, v] : seed["scopes"].items()) {
      if (auto r = store.upsert_scope(Scope{k, v.get<std::string>()}); !r) return fail(r.error());
      ++sum.scopes;
    }
  }
  for (const auto& g : strings(seed, "groups")) {
    if (auto r = store.ensure_group(g); !r) return fail(r.error());
    ++sum.groups;
  }
  if (seed.contains("users")) {
    for (const auto& u : seed["users"]) {
      auto existing = store.find_user(u["username"].get<std::string>());
      if (!existing) return fail(existing.error());
      if (existing->has_value()) continue;
      User user;
      user.username = u["username"];
      user.email = u.value("email", "");
      user.first_name = u.value("first_name", "");
      user.last_name = u.value("last_name", "");
      user.staff = u.value("staff", false);
      user.groups = strings(u, "groups");
      user.password_hash = hash_password(u["password"].get<std::string>(), pbkdf2_iterations);
      if (auto r = store.create_user(user); !r) return fail(r.error());
      ++sum.users;
    }
  }
  if (seed.contains("clients")) {
    for (const auto& c : seed["clients"]) {
      auto existing = store.find_client(c["client_id"].get<std::string>());
      if (!existing) return fail(existing.error());
      if (existing->has_value()) continue;
      if (auto r = store.create_client(client_of(c)); !r) return fail(r.error());
      ++sum.clients;
    }
  }
  return sum;
}

}  // namespace ock::server
