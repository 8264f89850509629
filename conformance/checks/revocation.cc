#include "conformance/checks/revocation.h"

#include <cstdio>
#include <string>

#include "conformance/engine/token_reply.h"

namespace ock::conformance::checks {

bool expect_token_type_supported(const engine::HttpExchange& x, const Tag& tag) {
  return record(tag, "supported", engine::error_code_of(x) != "unsupported_token_type",
                "access token revocation supported", engine::describe(x));
}

bool expect_refused_within_window(std::optional<double> took_s, int window_s, const Tag& tag) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "refused %.1f s after the revocation", took_s.value_or(0.0));
  return record(
      tag, "access_token_refused", took_s.has_value(),
      "the access token refused within " + std::to_string(window_s) + " s",
      took_s ? std::string(buf) : "still accepted after " + std::to_string(window_s) + " s");
}

bool expect_refresh_still_works(const engine::HttpExchange& x, const Tag& tag) {
  return record(tag, "refresh_token_still_valid", engine::token_issued(x),
                "the refresh token still works", engine::describe(x));
}

}  // namespace ock::conformance::checks
