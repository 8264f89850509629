#include "conformance/engine/secrets.h"

#include <set>
#include <utility>

#include "conformance/engine/form.h"

namespace ock::conformance::engine {

std::vector<KnownSecret> known_secrets(const Profile& profile, const RunState& state) {
  std::vector<KnownSecret> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& value, std::string kind) {
    if (value.empty() || !seen.insert(value).second) return;
    out.push_back({value, std::move(kind)});
  };
  for (const auto& [role, c] : profile.clients) {
    if (c.secret) add(*c.secret, "the client secret of clients." + role);
  }
  for (const auto& [role, u] : profile.users) add(u.password, "the password of users." + role);
  for (const auto& s : state.secrets()) {
    add(s, s.rfind("ock-canary-", 0) == 0 ? "a canary credential" : "an issued token");
  }
  return out;
}

std::vector<std::string> redaction_secrets(const Profile& profile, const RunState& state) {
  std::vector<std::string> out = state.redacted();
  for (const auto& s : known_secrets(profile, state)) out.push_back(s.value);
  for (const auto& [role, c] : profile.clients) {
    if (!c.secret) continue;
    for (const auto& basic :
         {basic_authorization(c.id, *c.secret), basic_authorization_raw(c.id, *c.secret)}) {
      out.push_back(basic.substr(basic.find(' ') + 1));
    }
  }
  return out;
}

}  // namespace ock::conformance::engine
