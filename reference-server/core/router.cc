#include "reference-server/core/router.h"

#include <nlohmann/json.hpp>

#include "reference-server/core/oauth_reply.h"

namespace ock::server {

ApiReply Router::route(const ApiRequest& req) noexcept {
  try {
    return dispatch(req);
  } catch (...) {
    return server_error_reply();
  }
}

ApiReply Router::dispatch(const ApiRequest& req) {
  std::string path = req.path;
  if (path.empty() || path.back() != '/') path += '/';
  if (path == "/oauth/authorize/") return authorization_.handle(req);
  if (path == "/oauth/token/") return oauth_.token(req);
  if (path == "/oauth/revoke_token/") return oauth_.revoke(req);
  if (path == "/oauth/introspect/") return oauth_.introspect(req);
  if (path == "/.well-known/oauth-authorization-server/") {
    if (req.method != "GET" && req.method != "HEAD") return method_not_allowed_reply("GET");
    return oauth_.metadata(req);
  }
  if (path == "/healthz/") return json_reply(200, nlohmann::json{{"status", "ok"}});
  if (path.rfind("/api/", 0) == 0) return api_.handle(req);
  return not_found_reply();
}

}  // namespace ock::server
