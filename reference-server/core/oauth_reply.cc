#include "reference-server/core/oauth_reply.h"

namespace ock::server {
namespace {

void add_no_store(ApiReply& r) {
  r.add_header("Cache-Control", "no-store");
  r.add_header("Pragma", "no-cache");
}

}  // namespace

std::string safe_description(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u <= 0x7E && c != '"' && c != '\\') out += c;
  }
  return out;
}

ApiReply token_success(const nlohmann::json& body, int status) {
  ApiReply r;
  r.status = status;
  r.body = body.dump();
  add_no_store(r);
  return r;
}

ApiReply token_error(const OAuthError& error) {
  ApiReply r;
  nlohmann::json body = {{"error", std::string(to_wire(error.code))}};
  if (!error.description.empty()) body["error_description"] = safe_description(error.description);
  r.body = body.dump();
  add_no_store(r);
  switch (error.code) {
    case ErrorCode::kInvalidClient:
      r.status = 401;
      r.add_header("WWW-Authenticate", "Basic realm=\"" + std::string(kRealm) + "\"");
      break;
    case ErrorCode::kServerError:
      r.status = 500;
      break;
    default:
      r.status = 400;
  }
  if (error.retry_after > 0) r.add_header("Retry-After", std::to_string(error.retry_after));
  return r;
}

ApiReply bearer_error(std::optional<ErrorCode> code, std::string_view description,
                      std::string_view scope) {
  ApiReply r;
  std::string challenge = "Bearer realm=\"" + std::string(kRealm) + "\"";
  nlohmann::json body = nlohmann::json::object();
  if (!code) {
    r.status = 401;
    body["detail"] = "Authentication credentials were not provided.";
  } else {
    std::string wire(to_wire(*code));
    challenge += ", error=\"" + wire + "\"";
    if (!description.empty()) {
      challenge += ", error_description=\"" + safe_description(description) + "\"";
    }
    if (*code == ErrorCode::kInsufficientScope) {
      r.status = 403;
      challenge += ", scope=\"" + safe_description(scope) + "\"";
    } else if (*code == ErrorCode::kInvalidRequest) {
      r.status = 400;
    } else {
      r.status = 401;
    }
    body["error"] = wire;
    if (!description.empty()) body["error_description"] = safe_description(description);
  }
  r.body = body.dump();
  r.add_header("WWW-Authenticate", challenge);
  return r;
}

ApiReply json_reply(int status, const nlohmann::json& body) {
  ApiReply r;
  r.status = status;
  r.body = body.dump();
  return r;
}

ApiReply not_found_reply() { return json_reply(404, nlohmann::json{{"detail", "Not found."}}); }

ApiReply method_not_allowed_reply(std::string allow) {
  ApiReply r = json_reply(405, nlohmann::json{{"detail", "Method not allowed."}});
  r.add_header("Allow", std::move(allow));
  return r;
}

ApiReply server_error_reply() {
  ApiReply r;
  r.status = 500;
  r.body = R"({"error":"server_error"})";
  return r;
}

}  // namespace ock::server
