// libFuzzer target runner_token_reply: a token-endpoint reply from a target, through the runner's
// lenient readers: parse_untrusted_json, parse_token_response and the helpers the cases use
// (token_issued, access_token_of, error_code_of, describe, the JWT readers). Input: the body,
// also read as the Location of a 302 and as a JWT. Parsed JSON nests at most kMaxJsonDepth + 1
// containers deep. Engine units only: no transport, no checks.
#include "conformance/engine/token_reply.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conformance/engine/http.h"
#include "tests/support/fuzz_invariant.h"

namespace ock::conformance::engine {
namespace {

// How many containers deep the value nests (a scalar: 0), without recursing.
int container_depth(const nlohmann::json& root) {
  int deepest = 0;
  std::vector<std::pair<const nlohmann::json*, int>> todo{{&root, 0}};
  while (!todo.empty()) {
    auto [value, depth] = todo.back();
    todo.pop_back();
    if (!value->is_structured()) continue;
    deepest = std::max(deepest, depth + 1);
    for (const auto& child : *value) todo.emplace_back(&child, depth + 1);
  }
  return deepest;
}

void fuzz_one(std::string_view input) {
  if (auto j = parse_untrusted_json(input)) {
    fuzz::require(container_depth(*j) <= kMaxJsonDepth + 1,
                  "parse_untrusted_json keeps at most kMaxJsonDepth + 1 levels");
    (void)j->dump();  // what a report does with a body
  }

  HttpExchange x;
  x.response.status = 200;
  x.response.headers.push_back({"Content-Type", "application/json"});
  x.response.body = std::string(input);
  if (auto t = parse_token_response(x.response)) {
    fuzz::require(t->body.is_object(), "a token response is a JSON object");
    if (t->access_token) {
      (void)is_jwt_shaped(*t->access_token);
      (void)jwt_string_claim(*t->access_token, "sub");
    }
  }
  (void)token_issued(x);
  (void)access_token_of(x);
  (void)refresh_token_of(x);
  (void)error_code_of(x);
  (void)describe(x);

  HttpExchange redirect;
  redirect.response.status = 302;
  redirect.response.headers.push_back({"Location", std::string(input)});
  (void)error_code_of(redirect);

  (void)is_jwt_shaped(input);
  (void)jwt_string_claim(input, "iss");
}

}  // namespace
}  // namespace ock::conformance::engine

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::conformance::engine::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
