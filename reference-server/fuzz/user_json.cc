// libFuzzer target server_user_json: the body of a user create or update at the resource API
// (POST /api/users/, PUT and PATCH /api/users/1) through ResourceApi::handle, with a valid
// token: a JSON object, or a form body. Input: the method on the first line ("POST", "PUT",
// "PATCH", with " form" for a form body), the body after. Every answer is 200, 201 or 400 with a
// JSON body, and a stored user holds only clean, short strings. Core units and MemoryStore only.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "reference-server/core/api.h"
#include "reference-server/core/clock.h"
#include "reference-server/core/config.h"
#include "reference-server/core/crypto.h"
#include "reference-server/core/form.h"
#include "reference-server/core/oauth_service.h"
#include "reference-server/core/resource_api.h"
#include "reference-server/storage/memory_store.h"
#include "tests/support/fuzz_invariant.h"

namespace ock::server {
namespace {

constexpr std::int64_t kNow = 1'700'000'000;

// alice (id 1), bob (id 2) and an access token with scope "read write".
void seed(MemoryStore& store) {
  for (const char* name : {"alice", "bob"}) {
    User u;
    u.username = name;
    u.email = std::string(name) + "@example.com";
    (void)store.create_user(u);
  }
  TokenRecord t;
  t.hash = sha256_hex("write-token");
  t.client_id = "demo-client";
  t.user_id = 1;
  t.scope = "read write";
  t.issued_at = kNow - 60;
  t.expires_at = kNow + 3600;
  t.family = "family-1";
  (void)store.save_tokens({t});
}

bool is_clean_field(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  return it != body.end() && it->is_string() && it->get<std::string>().size() <= 150 &&
         is_clean_utf8(it->get<std::string>());
}

void fuzz_one(std::string_view input) {
  auto nl = input.find('\n');
  std::string_view first = input.substr(0, nl);
  ApiRequest req;
  req.body = nl == std::string_view::npos ? std::string() : std::string(input.substr(nl + 1));
  req.method = first.rfind("PUT", 0) == 0 ? "PUT" : first.rfind("PATCH", 0) == 0 ? "PATCH" : "POST";
  req.path = req.method == "POST" ? "/api/users/" : "/api/users/1";
  req.content_type = first.find("form") != std::string_view::npos
                         ? "application/x-www-form-urlencoded"
                         : "application/json";
  req.authorization = "Bearer write-token";

  // A fresh store and service per input: writes must not pile up over millions of runs.
  static const FakeClock clock(kNow);
  MemoryStore store;
  seed(store);
  ServerConfig config;
  config.pbkdf2_iterations = 1;  // the dummy password hash made at construction
  OAuthService oauth(store, clock, config);
  ResourceApi api(store, oauth);

  const ApiReply reply = api.handle(req);
  fuzz::require(reply.status == 200 || reply.status == 201 || reply.status == 400,
                "a user write with a valid token answers 200, 201 or 400");
  auto body = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  fuzz::require(!body.is_discarded(), "the answer's body is JSON");
  if (reply.status != 400) {
    for (const char* field : {"username", "email", "first_name", "last_name"}) {
      fuzz::require(is_clean_field(body, field),
                    "a stored user's fields are clean UTF-8 strings of at most 150 bytes");
    }
    fuzz::require(!body["username"].get<std::string>().empty(), "a stored username is not empty");
  }
}

}  // namespace
}  // namespace ock::server

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::server::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
