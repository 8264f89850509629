// libFuzzer target server_basic_auth: client authentication at the token endpoint, through
// authenticate_client: the Authorization header (Basic, its base64 and the form-encoded id and
// secret inside, RFC 6749 §2.3.1) and client_id / client_secret in the body. Input: the header
// on the first line ("b64:" + text = Basic with that text base64-encoded; empty = no header), the
// form body after it. Core units and MemoryStore only: no SOCI, no Pistache.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "reference-server/core/api.h"
#include "reference-server/core/clock.h"
#include "reference-server/core/crypto.h"
#include "reference-server/core/form.h"
#include "reference-server/core/login_throttle.h"
#include "reference-server/core/oauth_request.h"
#include "reference-server/storage/memory_store.h"
#include "tests/support/fuzz_invariant.h"

namespace ock::server {
namespace {

// Three clients: confidential, confidential with every special character, public.
MemoryStore& registered_clients() {
  static MemoryStore* store = [] {
    auto* s = new MemoryStore();
    Client demo;
    demo.client_id = "demo-client";
    demo.secret_hash = sha256_hex("demo-secret-1");
    (void)s->create_client(demo);
    Client special;
    special.client_id = "special:client+1/%= x";
    special.secret_hash = sha256_hex("s3cret:+/% x");
    (void)s->create_client(special);
    Client pub;
    pub.client_id = "public-client";
    pub.type = ClientType::kPublic;
    (void)s->create_client(pub);
    return s;
  }();
  return *store;
}

void fuzz_one(std::string_view input) {
  auto nl = input.find('\n');
  std::string_view header = input.substr(0, nl);
  std::string_view body = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);

  ApiRequest req;
  req.method = "POST";
  req.path = "/oauth/token/";
  req.content_type = "application/x-www-form-urlencoded";
  req.body = std::string(body);
  if (header.substr(0, 4) == "b64:") {
    req.authorization = "Basic " + base64_encode(header.substr(4));
  } else if (!header.empty()) {
    req.authorization = std::string(header);
  }
  auto form = parse_form(req.body);
  const FormParams params = form ? std::move(*form) : FormParams{};

  static const FakeClock clock;
  LoginThrottle throttle(clock, ThrottleConfig{});  // fresh: no input locks out the next
  auto client = authenticate_client(registered_clients(), req, params, throttle);
  if (client) {
    fuzz::require(client->client_id == "demo-client" ||
                      client->client_id == "special:client+1/%= x" ||
                      client->client_id == "public-client",
                  "only a registered client authenticates");
    fuzz::require(!req.authorization || client->type == ClientType::kConfidential,
                  "Basic credentials never authenticate a public client");
    return;
  }
  const ErrorCode code = client.error().code;
  fuzz::require(code == ErrorCode::kInvalidClient || code == ErrorCode::kInvalidRequest,
                "a refused client gets invalid_client or invalid_request");
  fuzz::require(!client.error().basic_auth_attempted || req.authorization.has_value(),
                "basic_auth_attempted only when an Authorization header came");
}

}  // namespace
}  // namespace ock::server

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::server::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
