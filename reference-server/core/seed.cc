#include "reference-server/core/seed.h"

#include <set>

#include "reference-server/core/crypto.h"

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
    static const std::set<std::string> kGrants{"password", "refresh_token", "client_credentials"};
    for (std::size_t i = 0; i < seed["clients"].size(); ++i) {
      const json& c = seed["clients"][i];
      std::string where = "clients[" + std::to_string(i) + "]";
      if (auto e = check_strings(c, where, {"client_id"}, {"client_secret", "name", "type"})) return e;
      std::string type = c.value("type", "confidential");
      if (type != "confidential" && type != "public") return where + ".type: must be confidential or public";
      if (type == "confidential" && (!c.contains("client_secret") || c["client_secret"].get<std::string>().empty())) {
        return where + ".client_secret: missing (confidential clients need a secret)";
      }
      if (auto e = check_string_array(c, where, "grants", &kGrants)) return e;
      if (auto e = check_string_array(c, where, "scopes", nullptr)) return e;
      if (c.contains("token_ttl") && (!c["token_ttl"].is_number_integer() || c["token_ttl"].get<long long>() < 1)) {
        return where + ".token_ttl: must be a positive whole number of seconds";
      }
    }
  }
  return std::nullopt;
}

}  // namespace

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
      std::optional<std::int64_t> ttl;
      if (c.contains("token_ttl")) ttl = c["token_ttl"].get<std::int64_t>();
      Client client = make_client(c["client_id"], c.value("client_secret", ""), c.value("name", ""),
                                  c.value("type", "confidential") == "public" ? ClientType::kPublic
                                                                              : ClientType::kConfidential,
                                  strings(c, "grants"), strings(c, "scopes"), ttl);
      if (auto r = store.create_client(client); !r) return fail(r.error());
      ++sum.clients;
    }
  }
  return sum;
}

}  // namespace ock::server
