#include "reference-server/core/resource_api.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "reference-server/core/ascii.h"
#include "reference-server/core/form.h"
#include "reference-server/core/json_text.h"
#include "reference-server/core/oauth_reply.h"

namespace ock::server {
namespace {

using nlohmann::json;

json to_json(const User& u) {
  return {{"id", u.id}, {"username", u.username}, {"email", u.email},
          {"first_name", u.first_name}, {"last_name", u.last_name}};
}

// The user list's body, written directly: to_json for every user and one dump() cost more than
// the rest of GET /api/users/ (storage included). The same text as dump() (keys in its sorted
// order); nullopt where dump() would throw (a field that is not UTF-8).
std::optional<std::string> users_body(const std::vector<User>& users) {
  std::string out = "[";
  for (const User& u : users) {
    if (out.size() > 1) out += ',';
    out += "{\"email\":";
    if (!append_json_string(out, u.email)) return std::nullopt;
    out += ",\"first_name\":";
    if (!append_json_string(out, u.first_name)) return std::nullopt;
    out += ",\"id\":";
    out += std::to_string(u.id);
    out += ",\"last_name\":";
    if (!append_json_string(out, u.last_name)) return std::nullopt;
    out += ",\"username\":";
    if (!append_json_string(out, u.username)) return std::nullopt;
    out += '}';
  }
  out += ']';
  return out;
}

bool is_form(const ApiRequest& req) {
  std::string ct = ascii_lower(req.content_type.value_or(""));
  return ct.rfind("application/x-www-form-urlencoded", 0) == 0;
}

bool has_body_semantics(const ApiRequest& req) {
  return req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
}

ApiReply username_required() {
  return json_reply(400, json{{"username", json::array({"This field is required."})}});
}

// A failed create or update of a user: 400 in DRF's shape for a taken username, else 500.
ApiReply user_write_failure(const StorageError& e) {
  if (e.kind == StorageError::Kind::kConflict) {
    return json_reply(400, json{{"username", json::array({"A user with that username already exists."})}});
  }
  return server_error_reply();
}

// The writable fields of a user from a JSON object or a form body; field errors in DRF's shape.
Result<json, json> user_fields(const ApiRequest& req) {
  json in;
  if (is_form(req)) {
    auto form = parse_form(req.body);
    if (!form) return unexpected(json{{"detail", "Malformed form body."}});
    in = json::object();
    for (const auto& [k, v] : *form) {
      if (k != "access_token") in[k] = v;
    }
  } else {
    in = json::parse(req.body, nullptr, false);
    if (in.is_discarded() || !in.is_object()) {
      return unexpected(json{{"detail", "The body must be a JSON object."}});
    }
  }
  json out = json::object();
  json errors = json::object();
  for (const char* field : {"username", "email", "first_name", "last_name"}) {
    if (!in.contains(field)) continue;
    if (!in[field].is_string()) {
      errors[field] = json::array({"Not a valid string."});
      continue;
    }
    std::string v = in[field].get<std::string>();
    if (v.size() > 150 || !is_clean_utf8(v)) {
      errors[field] = json::array({"Not a valid value."});
      continue;
    }
    out[field] = v;
  }
  if (out.contains("username") && out["username"].get<std::string>().empty()) {
    errors["username"] = json::array({"This field may not be blank."});
  }
  if (!errors.empty()) return unexpected(errors);
  return out;
}

void apply_fields(User& u, const json& f) {
  if (f.contains("username")) u.username = f["username"];
  if (f.contains("email")) u.email = f["email"];
  if (f.contains("first_name")) u.first_name = f["first_name"];
  if (f.contains("last_name")) u.last_name = f["last_name"];
}

}  // namespace

ApiReply ResourceApi::handle(const ApiRequest& req) {
  std::string path = req.path;
  if (path.empty() || path.back() != '/') path += '/';
  if (path == "/api/users/") return users(req);
  if (path == "/api/groups/") return groups(req);
  constexpr std::string_view kUsers = "/api/users/";
  if (path.rfind(kUsers, 0) == 0) {
    std::string_view rest = std::string_view(path).substr(kUsers.size());
    rest.remove_suffix(1);
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), id);
    if (ec == std::errc() && p == rest.data() + rest.size() && id > 0) return user(req, id);
  }
  return not_found_reply();
}

ApiReply ResourceApi::users(const ApiRequest& req) {
  if (req.method != "GET" && req.method != "POST") return method_not_allowed_reply("GET, POST");
  const bool write = req.method == "POST";
  auto auth = oauth_.authorize(req, write ? "write" : "read", has_body_semantics(req) && is_form(req));
  if (!auth) return auth.error();
  ApiReply r;
  if (!write) {
    auto list = store_.list_users();
    if (!list) return server_error_reply();
    auto body = users_body(*list);
    if (!body) return server_error_reply();  // what dump() throwing would have become
    r.status = 200;
    r.body = std::move(*body);
  } else {
    auto fields = user_fields(req);
    if (!fields) return json_reply(400, fields.error());
    if (!fields->contains("username")) {
      return username_required();
    }
    User u;
    apply_fields(u, *fields);
    auto created = store_.create_user(u);
    if (!created) return user_write_failure(created.error());
    r = json_reply(201, to_json(*created));
  }
  r.client_id = auth->token.client_id;
  return r;
}

ApiReply ResourceApi::user(const ApiRequest& req, std::int64_t id) {
  const std::string& m = req.method;
  if (m != "GET" && m != "PUT" && m != "PATCH" && m != "DELETE") {
    return method_not_allowed_reply("GET, PUT, PATCH, DELETE");
  }
  auto auth = oauth_.authorize(req, m == "GET" ? "read" : "write", has_body_semantics(req) && is_form(req));
  if (!auth) return auth.error();
  auto found = store_.find_user_by_id(id);
  if (!found) return server_error_reply();
  if (!found->has_value()) return not_found_reply();
  User u = **found;
  ApiReply r;
  if (m == "GET") {
    r = json_reply(200, to_json(u));
  } else if (m == "DELETE") {
    auto gone = store_.delete_user(id);
    if (!gone) return server_error_reply();
    r = json_reply(204, json());
    r.body.clear();
    r.content_type.clear();
  } else {
    auto fields = user_fields(req);
    if (!fields) return json_reply(400, fields.error());
    if (m == "PUT" && !fields->contains("username")) {
      return username_required();
    }
    apply_fields(u, *fields);
    auto updated = store_.update_user(u);
    if (!updated) return user_write_failure(updated.error());
    if (!*updated) return not_found_reply();
    r = json_reply(200, to_json(u));
  }
  r.client_id = auth->token.client_id;
  return r;
}

ApiReply ResourceApi::groups(const ApiRequest& req) {
  if (req.method != "GET") return method_not_allowed_reply("GET");
  auto auth = oauth_.authorize(req, "groups", false);
  if (!auth) return auth.error();
  auto list = store_.list_groups();
  if (!list) return server_error_reply();
  json arr = json::array();
  for (const auto& g : *list) arr.push_back(json{{"name", g}});
  ApiReply r = json_reply(200, arr);
  r.client_id = auth->token.client_id;
  return r;
}

}  // namespace ock::server
