#include "conformance/runner/init_prompt.h"

#include <string>

namespace ock::conformance::runner {
namespace {

class Asker {
 public:
  Asker(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

  // The trimmed reply, or nullopt at end of input.
  std::optional<std::string> ask(const std::string& question) {
    if (done_) return std::nullopt;
    out_ << question << std::flush;
    std::string line;
    if (!std::getline(in_, line)) {
      done_ = true;
      out_ << "\n";
      return std::nullopt;
    }
    auto b = line.find_first_not_of(" \t\r");
    auto e = line.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : line.substr(b, e - b + 1);
  }

  // A required reply: asked again while empty; nullopt at end of input.
  std::optional<std::string> ask_required(const std::string& question) {
    while (auto r = ask(question)) {
      if (!r->empty()) return r;
      out_ << "  (required)\n";
    }
    return std::nullopt;
  }

  // An environment variable name, with a default.
  std::string ask_env(const std::string& what, const std::string& fallback) {
    while (true) {
      auto r = ask("  Environment variable that will hold " + what + " [" + fallback + "]: ");
      if (!r || r->empty()) return fallback;
      if (is_env_name(*r)) return *r;
      out_ << "  (a variable name: letters, digits and _)\n";
    }
  }

  void say(const std::string& text) { out_ << text << "\n"; }

 private:
  std::istream& in_;
  std::ostream& out_;
  bool done_ = false;
};

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

void ask_client(Asker& a, InitAnswers& answers, const std::string& role, const std::string& id) {
  ClientAnswer c;
  c.id = id;
  if (role != "public")
    c.secret_env = a.ask_env("the secret of clients." + role, default_secret_env(role));
  answers.clients[role] = c;
}

void ask_user(Asker& a, InitAnswers& answers, const std::string& role, const std::string& name) {
  answers.users[role] = {name,
                         a.ask_env("the password of users." + role, default_password_env(role))};
}

// "ROLE=VALUE" replies until an empty one, for the roles not given yet.
template <class Add>
void ask_roles(Asker& a, const std::string& what, const std::string& roles, Add add) {
  if (roles.empty()) return;
  a.say("Other " + what + " roles the catalog uses: " + roles);
  while (auto r = a.ask("  ROLE=" + std::string(what == "client" ? "ID" : "USERNAME") +
                        " (Enter to finish): ")) {
    if (r->empty()) return;
    auto kv = split_assignment("reply", *r);
    if (!kv) {
      a.say("  " + kv.error());
      continue;
    }
    add(kv->first, kv->second);
  }
}

}  // namespace

void ask_missing(InitAnswers& answers, const SurveyFindings& found, std::istream& in,
                 std::ostream& out) {
  Asker a(in, out);
  a.say("Secrets are never asked for: name the environment variables that will hold them.");
  if (!answers.clients.contains("primary")) {
    if (auto id = a.ask_required("Client id of clients.primary (used by every ordinary case): "))
      ask_client(a, answers, "primary", *id);
  }
  if (!answers.users.contains("primary")) {
    auto name = a.ask("Username of users.primary (Enter: none; the password grant cases SKIP): ");
    if (name && !name->empty()) ask_user(a, answers, "primary", *name);
  }
  while (answers.resources.empty()) {
    auto spec =
        a.ask_required("A protected resource to call, METHOD:/path (e.g. GET:/api/users/): ");
    if (!spec) break;
    auto r = parse_resource("resource", *spec);
    if (r)
      answers.resources.push_back(*r);
    else
      a.say("  " + r.error());
  }
  if (!answers.scope_request) {
    std::string supported = joined(found.scopes);
    auto s =
        a.ask("Scope to request" + (supported.empty() ? "" : " (supported: " + supported + ")") +
              " (Enter: none): ");
    if (s) answers.scope_request = *s;
  }
  std::string roles;
  for (const char* r : kClientRoles)
    if (!answers.clients.contains(r)) roles += (roles.empty() ? "" : ", ") + std::string(r);
  ask_roles(a, "client", roles, [&](const std::string& role, const std::string& id) {
    ask_client(a, answers, role, id);
  });
  roles.clear();
  for (const char* r : kUserRoles)
    if (!answers.users.contains(r)) roles += (roles.empty() ? "" : ", ") + std::string(r);
  ask_roles(a, "user", roles, [&](const std::string& role, const std::string& name) {
    ask_user(a, answers, role, name);
  });
}

}  // namespace ock::conformance::runner
