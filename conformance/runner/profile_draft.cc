#include "conformance/runner/profile_draft.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "conformance/runner/selection.h"
#include "conformance/runner/target_profile.h"

namespace ock::conformance::runner {
namespace {

using ojson = nlohmann::ordered_json;

std::string upper(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

std::string placeholder(const std::string& env) { return "${env:" + env + "}"; }

// Every unset variable reads as a stand-in while the draft is checked: the draft is written
// before the user has exported its secrets.
EnvLookup lenient_env() {
  auto real = process_env();
  return [real](const std::string& name) -> std::optional<std::string> {
    if (auto v = real(name)) return v;
    return std::string("unset-") + name;
  };
}

// The auth_method to write for a role the user gave none for: post for "post", none for
// "public", else basic unless the metadata lists only client_secret_post.
std::string auth_method_for(const std::string& role, const ClientAnswer& c,
                            const SurveyFindings& found) {
  if (!c.auth_method.empty()) return c.auth_method;
  if (role == "public") return "none";
  if (role == "post") return "client_secret_post";
  const auto& m = found.auth_methods;
  if (!m.empty() && !contains(m, "client_secret_basic") && contains(m, "client_secret_post"))
    return "client_secret_post";
  return "client_secret_basic";
}

class DraftBuilder {
 public:
  DraftBuilder(const InitAnswers& a, const SurveyFindings& f) : a_(a), f_(f) {}

  ojson build() {
    ojson j;
    j["name"] = a_.name;
    j["base_url"] = a_.base_url;
    // Without metadata the base URL stands in for the issuer, so the disco.* cases report the
    // missing document instead of skipping.
    j["issuer"] = f_.issuer.empty() ? a_.base_url : f_.issuer;
    j["endpoints"] = endpoints();
    if (!a_.grants.empty())
      j["grants"] = a_.grants;
    else if (!f_.grants.empty())
      j["grants"] = f_.grants;
    j["clients"] = clients();
    if (!a_.users.empty()) j["users"] = users();
    j["scopes"] = scopes();
    j["resources"] = resources();
    if (!a_.timing.empty()) {
      ojson t = ojson::object();
      for (const auto& [k, v] : a_.timing) t[k] = v;
      j["timing"] = t;
    }
    if (!a_.ca_file.empty() || a_.insecure)
      j["tls"] = {{"ca_file", a_.ca_file.empty() ? ojson(nullptr) : ojson(a_.ca_file)},
                  {"insecure", a_.insecure}};
    if (!a_.login.empty()) j["login"] = login();
    j["allow_destructive"] = a_.allow_destructive;
    if (!a_.logs_command.empty()) j["logs_command"] = a_.logs_command;
    return j;
  }

  std::vector<std::pair<std::string, std::string>> env_to_set() const { return env_; }

 private:
  ojson endpoints() const {
    ojson e = ojson::object();
    for (const char* name : kEndpointNames) {
      if (auto it = a_.endpoints.find(name); it != a_.endpoints.end()) {
        e[name] = it->second;
      } else if (auto ft = f_.endpoints.find(name); ft != f_.endpoints.end()) {
        e[name] = relative_to(a_.base_url, ft->second);
      } else if (std::string_view(name) == "metadata" && !f_.metadata_url.empty()) {
        e[name] = relative_to(a_.base_url, f_.metadata_url);
      }
    }
    return e;
  }

  ojson clients() {
    ojson all = ojson::object();
    for (const char* role : kClientRoles) add_client(all, role);
    for (const auto& [role, c] : a_.clients) {
      if (!all.contains(role)) add_client(all, role);
    }
    return all;
  }

  void add_client(ojson& all, const std::string& role) {
    auto it = a_.clients.find(role);
    if (it == a_.clients.end()) return;
    const ClientAnswer& c = it->second;
    ojson o;
    o["id"] = c.id;
    std::string method = auth_method_for(role, c, f_);
    if (method != "none" || !c.secret_env.empty()) {
      std::string env = c.secret_env.empty() ? default_secret_env(role) : c.secret_env;
      o["secret"] = placeholder(env);
      env_.push_back({env, "clients." + role + ".secret"});
    }
    o["auth_method"] = method;
    if (!c.redirect_uri.empty()) o["redirect_uri"] = c.redirect_uri;
    all[role] = o;
  }

  ojson users() {
    ojson all = ojson::object();
    auto add = [&](const std::string& role) {
      auto it = a_.users.find(role);
      if (it == a_.users.end() || all.contains(role)) return;
      std::string env =
          it->second.password_env.empty() ? default_password_env(role) : it->second.password_env;
      all[role] = {{"username", it->second.username}, {"password", placeholder(env)}};
      env_.push_back({env, "users." + role + ".password"});
    };
    for (const char* role : kUserRoles) add(role);
    for (const auto& [role, u] : a_.users) add(role);
    return all;
  }

  ojson scopes() const {
    std::vector<std::string> supported =
        a_.scopes_supported.empty() ? f_.scopes : a_.scopes_supported;
    // The denied value is one the clients may not obtain: not one to add to a request.
    std::erase(supported, a_.scope_denied);
    ojson s;
    s["request"] = a_.scope_request.value_or("");
    s["supported"] = supported;
    s["denied"] = a_.scope_denied.empty() ? ojson(nullptr) : ojson(a_.scope_denied);
    return s;
  }

  ojson resources() const {
    ojson all = ojson::array();
    for (const auto& r : a_.resources) {
      ojson o;
      o["name"] = r.name;
      o["method"] = r.method;
      o["path"] = r.path;
      if (!r.requires_scope.empty()) o["requires_scope"] = r.requires_scope;
      if (!r.json.empty()) o["json"] = ojson::parse(r.json);  // checked by the caller
      all.push_back(o);
    }
    return all;
  }

  ojson login() const {
    ojson l = ojson::object();
    ojson form = ojson::object();
    for (const auto& [k, v] : a_.login) {
      if (k == "command")
        l["command"] = v;
      else
        form[k] = v;
    }
    if (!form.empty() || !l.contains("command")) l["form"] = form;
    return l;
  }

  const InitAnswers& a_;
  const SurveyFindings& f_;
  std::vector<std::pair<std::string, std::string>> env_;
};

// The static SKIPs grouped by reason: each missing item and the cases it would unlock.
std::vector<std::string> skip_lines(const engine::Profile& profile, const catalog::Catalog& catalog,
                                    int& skipped) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_reason;
  skipped = 0;
  for (const auto& c : catalog.cases()) {
    auto why = static_skip_reason(c, profile);
    if (!why) continue;
    ++skipped;
    auto it = std::find_if(by_reason.begin(), by_reason.end(),
                           [&](const auto& r) { return r.first == *why; });
    if (it == by_reason.end()) {
      by_reason.push_back({*why, {}});
      it = std::prev(by_reason.end());
    }
    it->second.push_back(c.id);
  }
  std::vector<std::string> out;
  for (const auto& [why, ids] : by_reason) {
    std::string line = why + " -> unlocks " + std::to_string(ids.size()) + ": ";
    for (std::size_t i = 0; i < ids.size(); ++i) line += (i ? ", " : "") + ids[i];
    out.push_back(line);
  }
  return out;
}

}  // namespace

Result<std::pair<std::string, std::string>, std::string> split_assignment(std::string_view flag,
                                                                          std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size())
    return fail(std::string(flag) + ": expected NAME=VALUE, got \"" + std::string(text) + "\"");
  return std::pair<std::string, std::string>(std::string(text.substr(0, eq)),
                                             std::string(text.substr(eq + 1)));
}

std::string default_secret_env(std::string_view role) {
  return "OCK_CLIENT_" + upper(role) + "_SECRET";
}

std::string default_password_env(std::string_view role) {
  return "OCK_USER_" + upper(role) + "_PASSWORD";
}

bool is_env_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

Result<std::string, std::string> normalize_base_url(std::string_view url) {
  std::string u(url);
  auto bad = [&](const std::string& why) { return fail("--base-url: \"" + u + "\" " + why); };
  std::size_t scheme = u.rfind("https://", 0) == 0 ? 8 : u.rfind("http://", 0) == 0 ? 7 : 0;
  if (scheme == 0) return bad("is not an http:// or https:// URL");
  for (char c : u) {
    if (std::iscntrl(static_cast<unsigned char>(c)) || c == ' ')
      return bad("contains a space or a control character");
  }
  if (u.find_first_of("?#") != std::string::npos) return bad("has a query or fragment");
  if (u.find("${") != std::string::npos) return bad("holds a ${...} placeholder");
  auto host_end = u.find('/', scheme);
  std::string host = u.substr(scheme, host_end == std::string::npos ? u.npos : host_end - scheme);
  if (host.empty() || host.front() == ':' || host.find('@') != std::string::npos)
    return bad("has no host (or has user information)");
  while (u.size() > scheme && u.back() == '/') u.pop_back();
  return u;
}

Result<ResourceAnswer, std::string> parse_resource(const std::string& name,
                                                   const std::string& spec) {
  ResourceAnswer r;
  r.name = name;
  std::string path = spec;
  auto colon = spec.find(':');
  if (colon != std::string::npos && colon > 0 &&
      std::all_of(spec.begin(), spec.begin() + static_cast<std::ptrdiff_t>(colon),
                  [](char c) { return c >= 'A' && c <= 'Z'; })) {
    r.method = spec.substr(0, colon);
    path = spec.substr(colon + 1);
  }
  if (path.empty() ||
      (path.front() != '/' && path.rfind("http://", 0) != 0 && path.rfind("https://", 0) != 0))
    return fail("--resource " + name + ": expected METHOD:/path (e.g. GET:/api/users/), got \"" +
                spec + "\"");
  r.path = path;
  return r;
}

std::string relative_to(std::string_view base_url, std::string_view url) {
  if (!base_url.empty() && url.size() > base_url.size() &&
      url.substr(0, base_url.size()) == base_url && url[base_url.size()] == '/')
    return std::string(url.substr(base_url.size()));
  return std::string(url);
}

Result<Draft, std::string> draft_profile(const InitAnswers& answers, const SurveyFindings& found,
                                         const catalog::Catalog& catalog, std::string_view today) {
  for (const auto& r : answers.resources) {
    if (!r.json.empty() && !nlohmann::json::accept(r.json))
      return fail("--resource-json " + r.name + ": not valid JSON");
  }
  DraftBuilder builder(answers, found);
  ojson j = builder.build();
  // The parser judges the draft: what it rejects or warns about, init refuses to write.
  auto parsed = parse_profile(j.dump(), lenient_env());
  if (!parsed) return fail(parsed.error());
  if (!parsed->warnings.empty()) return fail(parsed->warnings.front());
  engine::Profile profile = parsed->profile;
  profile.testssl_path = "testssl.sh";  // not a profile item: left out of the comment

  Draft d;
  d.env_to_set = builder.env_to_set();
  d.cases = static_cast<int>(catalog.cases().size());
  auto skips = skip_lines(profile, catalog, d.skipped);
  ojson comment = ojson::array();
  comment.push_back("Written by oauth-conformance init on " + std::string(today) + " for " +
                    answers.base_url +
                    ". Secrets are ${env:NAME} placeholders: export them "
                    "before validate or run.");
  for (const auto& n : found.notes) comment.push_back(n);
  comment.push_back(std::to_string(d.cases - d.skipped) + " of " + std::to_string(d.cases) +
                    " cases can run (testssl.sh on PATH is no profile item and not counted); what "
                    "each missing item would unlock (the SKIPs of `oauth-conformance validate`):");
  for (auto& s : skips) comment.push_back(std::move(s));
  if (skips.empty()) comment.push_back("nothing is missing");
  ojson out;
  out["name"] = j["name"];
  out["comment"] = comment;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() != "name") out[it.key()] = it.value();
  }
  d.text = out.dump(2) + "\n";
  return d;
}

}  // namespace ock::conformance::runner
