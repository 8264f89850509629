#include "conformance/catalog/probe_jklm.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <set>

namespace ock::conformance::catalog {

std::vector<KnownSecret> known_secrets(Probe& p) {
  std::vector<KnownSecret> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& value, std::string kind) {
    if (value.empty() || !seen.insert(value).second) return;
    out.push_back({value, std::move(kind)});
  };
  for (const auto& [role, c] : p.profile().clients) {
    if (c.secret) add(*c.secret, "the client secret of clients." + role);
  }
  for (const auto& [role, u] : p.profile().users) add(u.password, "the password of users." + role);
  for (const auto& s : p.shared().secrets()) {
    add(s, s.rfind("ock-canary-", 0) == 0 ? "a canary credential" : "an issued token");
  }
  return out;
}

Result<std::string, std::string> capture_command_output(const std::string& command,
                                                        std::size_t cap) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return fail(std::string("could not start the logs command"));
  std::string out;
  char buf[65536];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) {
    if (out.size() < cap) out.append(buf, std::min(n, cap - out.size()));
  }
  int status = ::pclose(pipe);
  if (status == -1) return fail(std::string("could not wait for the logs command"));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return fail("the logs command failed (exit status " +
                std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  }
  return out;
}

}  // namespace ock::conformance::catalog
