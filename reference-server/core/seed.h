// Loading a seed file (fixtures/seed/demo.json is one) into a store: scopes, groups, users (passwords
// hashed with PBKDF2) and clients (secrets hashed with SHA-256). Idempotent: records that
// already exist are left as they are. std + nlohmann_json + core only.
#pragma once

#include <nlohmann/json.hpp>
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

// Builds a client record from plain values, hashing the secret. Shared by the seed and the
// create-client command.
Client make_client(const std::string& id, const std::string& secret, const std::string& name,
                   ClientType type, std::vector<std::string> grants, std::vector<std::string> scopes,
                   std::optional<std::int64_t> token_ttl);

}  // namespace ock::server
