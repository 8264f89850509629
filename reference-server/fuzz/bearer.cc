// libFuzzer target server_bearer: how the resource API finds the access token (RFC 6750 §2),
// through OAuthService::authorize: the Authorization header (Bearer and its b64token), the
// access_token of the query (refused) and of a form body. Input: the header on the first line
// (empty = none), the query on the second, the body after. Only the live token with scope
// "read" may pass; every refusal is a full RFC 6750 §3 reply. Core units and MemoryStore only.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "reference-server/core/api.h"
#include "reference-server/core/clock.h"
#include "reference-server/core/config.h"
#include "reference-server/core/crypto.h"
#include "reference-server/core/oauth_service.h"
#include "reference-server/storage/memory_store.h"
#include "tests/support/fuzz_invariant.h"

namespace ock::server {
namespace {

// Splits off the text before the first '\n' (all of it when there is none).
std::string_view next_line(std::string_view& rest) {
  auto nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return line;
}

TokenRecord token(std::string_view value, TokenKind kind, std::string scope,
                  std::int64_t expires_at, bool revoked = false) {
  TokenRecord t;
  t.hash = sha256_hex(value);
  t.kind = kind;
  t.client_id = "demo-client";
  t.user_id = 1;
  t.scope = std::move(scope);
  t.issued_at = 1'700'000'000 - 60;
  t.expires_at = expires_at;
  t.family = "family-1";
  t.revoked = revoked;
  return t;
}

OAuthService& service() {
  static const FakeClock clock(1'700'000'000);
  static MemoryStore* store = [] {
    auto* s = new MemoryStore();
    (void)s->save_tokens({
        token("live-read-token", TokenKind::kAccess, "read write", 1'700'003'600),
        token("live-write-only", TokenKind::kAccess, "write", 1'700'003'600),
        token("expired-token", TokenKind::kAccess, "read", 1'699'999'999),
        token("revoked-token", TokenKind::kAccess, "read", 1'700'003'600, true),
        token("refresh-token", TokenKind::kRefresh, "read", 1'700'003'600),
    });
    return s;
  }();
  static auto* oauth = [] {
    ServerConfig config;
    config.pbkdf2_iterations = 1;  // the dummy password hash made at construction
    return new OAuthService(*store, clock, config);
  }();
  return *oauth;
}

void fuzz_one(std::string_view input) {
  ApiRequest req;
  req.method = "POST";
  req.path = "/api/users/";
  req.content_type = "application/x-www-form-urlencoded";
  std::string_view rest = input;
  if (std::string_view header = next_line(rest); !header.empty()) {
    req.authorization = std::string(header);
  }
  req.query = std::string(next_line(rest));
  req.body = std::string(rest);

  static const std::string kLiveHash = sha256_hex("live-read-token");
  auto access = service().authorize(req, "read", /*form_body_allowed=*/true);
  if (access) {
    fuzz::require(access->token.hash == kLiveHash && access->scope.count("read") == 1,
                  "only the live access token with scope read is accepted");
    return;
  }
  const ApiReply& reply = access.error();
  fuzz::require(reply.status == 400 || reply.status == 401 || reply.status == 403,
                "a refused token gets 400, 401 or 403");
  bool challenge = false;
  for (const auto& [name, value] : reply.headers) {
    challenge = challenge || (name == "WWW-Authenticate" && value.rfind("Bearer realm=", 0) == 0);
  }
  fuzz::require(challenge, "a refusal carries a Bearer challenge");
}

}  // namespace
}  // namespace ock::server

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::server::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
