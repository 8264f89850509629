#include "conformance/checks/status.h"

#include <algorithm>

#include "conformance/checks/text.h"
#include "conformance/engine/token_reply.h"

namespace ock::conformance::checks {
namespace {

using engine::describe;
using engine::parse_json_body;
using engine::parse_token_response;
using engine::token_issued;

// The error code of a token-endpoint error reply, or of an authorization error redirect.
std::optional<std::string> error_member(const HttpExchange& x) {
  auto code = engine::error_code_of(x);
  if (code.empty()) return std::nullopt;
  return code;
}

std::string error_actual(const HttpExchange& x) {
  if (auto code = error_member(x); code && x.response.status >= 300 && x.response.status < 400) {
    return *code + " (authorization error redirect)";
  }
  auto j = parse_json_body(x.response);
  if (!j) return "no JSON body (status " + std::to_string(x.response.status) + ")";
  if (!j->is_object()) return "body is not a JSON object";
  auto it = j->find("error");
  if (it == j->end()) return "no error member (status " + std::to_string(x.response.status) + ")";
  if (!it->is_string()) return "error member is not a string: " + it->dump();
  return it->get<std::string>();
}

}  // namespace

bool expect_status(const HttpExchange& x, int status, const Tag& tag) {
  return record(tag, "status", x.response.status == status, std::to_string(status), describe(x));
}

bool expect_status_in(const HttpExchange& x, std::vector<int> statuses, const Tag& tag) {
  bool ok = std::find(statuses.begin(), statuses.end(), x.response.status) != statuses.end();
  return record(tag, "status", ok, join(statuses, " or "), describe(x));
}

void require_status(const HttpExchange& x, int status, const Tag& tag) {
  record_or_abort(tag, "status", x.response.status == status, std::to_string(status), describe(x));
}

bool expect_client_error(const HttpExchange& x, const Tag& tag) {
  int s = x.response.status;
  return record(tag, "status", s >= 400 && s <= 499, "4xx", describe(x));
}

bool expect_no_server_error(const HttpExchange& x, const Tag& tag) {
  int s = x.response.status;
  return record(tag, "no_server_error", s < 500, "not 5xx", describe(x));
}

bool expect_error_code(const HttpExchange& x, std::string_view code, const Tag& tag) {
  auto got = error_member(x);
  return record(tag, "error_code", got && *got == code, std::string(code), error_actual(x));
}

bool expect_error_code_in(const HttpExchange& x, std::vector<std::string> codes, const Tag& tag) {
  auto got = error_member(x);
  bool ok = got && std::find(codes.begin(), codes.end(), *got) != codes.end();
  return record(tag, "error_code", ok, join(codes, " or "), error_actual(x));
}

bool expect_no_token_issued(const HttpExchange& x, const Tag& tag) {
  return record(tag, "no_token", !token_issued(x), "no token issued", describe(x));
}

bool expect_token_issued(const HttpExchange& x, const Tag& tag) {
  return record(tag, "token_issued", x.response.status == 200 && token_issued(x),
                "200 with an access_token", describe(x));
}

void require_token_issued(const HttpExchange& x, const Tag& tag) {
  record_or_abort(tag, "token_issued", x.response.status == 200 && token_issued(x),
                  "200 with an access_token", describe(x));
}

bool expect_at_most_one_token(const std::vector<HttpExchange>& replies, const Tag& tag) {
  std::size_t issued = 0;
  std::string actual;
  for (const auto& x : replies) {
    if (token_issued(x)) ++issued;
    actual += (actual.empty() ? "" : ", ") + describe(x);
  }
  return record(tag, "at_most_one_token", issued <= 1, "at most one token issued",
                std::to_string(issued) + " issued: " + actual);
}

bool expect_success(const HttpExchange& x, const Tag& tag) {
  int s = x.response.status;
  return record(tag, "accepted", s >= 200 && s <= 299, "2xx", describe(x));
}

bool expect_refused(const HttpExchange& x, const Tag& tag) {
  int s = x.response.status;
  return record(tag, "refused", !(s >= 200 && s <= 299), "not 2xx", describe(x));
}

bool expect_found(const HttpExchange& x, std::string_view what, const Tag& tag) {
  return record(tag, "published", x.response.status != 404, std::string(what),
                std::to_string(x.response.status));
}

bool expect_credentials_not_evaluated(const HttpExchange& x, const Tag& tag) {
  return record(tag, "credentials_not_evaluated", engine::error_code_of(x) != "invalid_grant",
                "no invalid_grant (the URL credentials are not evaluated)", describe(x));
}

bool expect_method_refused(const HttpExchange& x, const Tag& tag) {
  int s = x.response.status;
  bool ok = s == 405 || (s == 400 && engine::error_code_of(x) == "invalid_request");
  return record(tag, "refused", ok, "405, or 400 invalid_request", describe(x));
}

bool expect_client_auth_error(const HttpExchange& x, const Tag& tag) {
  int s = x.response.status;
  auto code = engine::error_code_of(x);
  bool ok = (s == 400 && code == "invalid_request") || (s == 401 && code == "invalid_client");
  return record(tag, "error", ok, "400 invalid_request or 401 invalid_client", describe(x));
}

bool expect_not_both_issued(const HttpExchange& a, const HttpExchange& b, const Tag& tag) {
  bool both =
      a.response.status == 200 && token_issued(a) && b.response.status == 200 && token_issued(b);
  return record(tag, "not_both_issued", !both, "the non-conforming form refused",
                both ? "both forms issued a token" : describe(b));
}

bool expect_grant_disabled(std::string_view grant, const std::optional<std::string>& observed,
                           const Tag& tag) {
  bool works = observed == "works";
  return record(tag, std::string(grant) + "_grant_disabled", !works,
                "the " + std::string(grant) + " grant disabled",
                works ? "the " + std::string(grant) + " grant is enabled" : "not seen working");
}

}  // namespace ock::conformance::checks
