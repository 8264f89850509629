#include "conformance/runner/discovery.h"

#include "conformance/engine/token_reply.h"

namespace ock::conformance::runner {

void discover(engine::Transport& transport, engine::Profile& profile) {
  const bool need_grants = profile.grants.empty();
  const bool need_authorization = profile.authorization_url.empty();
  const std::string url = profile.well_known_url();
  if ((!need_grants && !need_authorization) || url.empty()) return;
  engine::HttpRequest r;
  r.url = url;
  r.headers.push_back({"Accept", "application/json"});
  auto x = transport.send(r);
  if (!x || x->response.status != 200) return;
  auto doc = engine::json_object_body(x->response);
  if (!doc) return;
  if (auto it = doc->find("grant_types_supported");
      need_grants && it != doc->end() && it->is_array() && !it->empty()) {
    for (const auto& g : *it) {
      if (g.is_string()) profile.grants.push_back(g.get<std::string>());
    }
    if (!profile.grants.empty()) profile.grants_source = "the metadata";
  }
  if (auto it = doc->find("authorization_endpoint");
      need_authorization && it != doc->end() && it->is_string()) {
    profile.authorization_url = it->get<std::string>();
  }
}

}  // namespace ock::conformance::runner
