// libFuzzer target server_form_body: the body of a POST to an /oauth/ endpoint, through
// parse_oauth_form (the parser of every token, revocation and introspection request). A body it
// accepts must repeat no name, hold clean UTF-8 only, and read back unchanged from form_body().
// Reaches core units only: no storage, no Pistache.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "reference-server/core/api.h"
#include "reference-server/core/form.h"
#include "reference-server/core/oauth_request.h"
#include "tests/support/fuzz_invariant.h"

namespace ock::server {
namespace {

void fuzz_one(std::string_view input) {
  ApiRequest req;
  req.method = "POST";
  req.path = "/oauth/token/";
  req.content_type = "application/x-www-form-urlencoded";
  req.body = std::string(input);

  auto form = parse_oauth_form(req);
  if (!form) {
    fuzz::require(form.error().code == ErrorCode::kInvalidRequest,
                  "a refused form body is invalid_request");
    return;
  }
  fuzz::require(!first_repeated_name(*form), "an accepted form body repeats no name");
  for (const auto& [name, value] : *form) {
    fuzz::require(is_clean_utf8(name) && is_clean_utf8(value),
                  "an accepted form body holds clean UTF-8 only");
  }
  auto again = parse_form(form_body(*form));
  fuzz::require(again && *again == *form, "parse_form(form_body(p)) == p");
}

}  // namespace
}  // namespace ock::server

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ock::server::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
