// Loading a seed file (fixtures/seed/demo.json is one) into a store: scopes, groups, users
// (passwords hashed with PBKDF2) and clients (secrets hashed with SHA-256), and the rules every
// client registration follows (the seed's and create-client's). Idempotent: records that already
// exist are left as they are. std + nlohmann_json + core only.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "reference-server/core/result.h"
#include "reference-server/core/store.h"

namespace ock::server {

struct SeedSummary {
  int scopes = 0, groups = 0, users = 0, clients = 0;  // records created
};

// Validates the whole document first; the error is one sentence naming the bad field
// (`users[1].password: missing`), and then nothing has been written.
Result<SeedSummary, std::string> apply_seed(Store& store, const nlohmann::json& seed,
                                            int pbkdf2_iterations);

// The grant types a client may be registered for.
const std::set<std::string>& known_grants();

// Why `client` cannot be registered, as "<field>: <problem>" with the seed file's field names
// (`redirect_uris[1]: has a fragment (RFC 6749 §3.1.2)`), or nullopt. Public clients have no
// secret and may use only authorization_code and refresh_token; confidential clients have a
// secret; every redirect URI must be registrable (core/redirect_uri.h), and the
// authorization_code grant needs at least one. Grant names are checked by the caller.
std::optional<std::string> client_problem(const Client& client);

// Builds a client record from plain values, hashing the secret. Shared by the seed and the
// create-client command.
Client make_client(const std::string& id, const std::string& secret, const std::string& name,
                   ClientType type, std::vector<std::string> grants, std::vector<std::string> scopes,
                   std::optional<std::int64_t> token_ttl);

}  // namespace ock::server
