// libFuzzer target client_token_cache: the client's token cache from both sides it takes bytes
// from: the cache file's text (parse_cache, the text half of load_cache) and a token endpoint's
// reply turned into a cache entry (token_from_response). Every entry reads back unchanged from
// the text save_cache writes, and a token with a positive lifetime does not expire before it
// was obtained. Links token_cache.cc alone: no curl, no files.
#include "client/token_cache.h"

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tests/support/fuzz_invariant.h"

namespace ock::client {
namespace {

constexpr std::int64_t kNow = 1'700'000'000;

bool same(const CachedToken& a, const CachedToken& b) {
  return a.server == b.server && a.client_id == b.client_id && a.username == b.username &&
         a.scope == b.scope && a.token_type == b.token_type && a.access_token == b.access_token &&
         a.refresh_token == b.refresh_token && a.obtained_at == b.obtained_at &&
         a.expires_at == b.expires_at;
}

// save_cache writes to_json().dump(2); load_cache must read the same entry back.
void require_round_trip(const CachedToken& token) {
  auto again = parse_cache(token.to_json().dump(2) + "\n");
  fuzz::require(again && same(*again, token), "a saved cache entry reads back unchanged");
}

void fuzz_one(std::string_view input) {
  if (auto cached = parse_cache(input)) {
    fuzz::require(!cached->server.empty(), "a cache entry names its server");
    require_round_trip(*cached);
  }

  auto reply = nlohmann::json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (!reply.is_object()) return;
  CachedToken t = token_from_response(reply, "https://as.example", "demo-client", "alice", "read",
                                      kNow, "previous-refresh-token");
  if (auto it = reply.find("expires_in");
      it != reply.end() && it->is_number() && it->get<double>() > 0) {
    fuzz::require(t.expires_at >= kNow,
                  "a token with a positive lifetime does not expire before it was obtained");
  }
  if (!t.access_token.empty() || !t.refresh_token.empty()) require_round_trip(t);
}

}  // namespace
}  // namespace ock::client

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::client::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
