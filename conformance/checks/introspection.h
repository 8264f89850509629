// Checks on RFC 7662 introspection replies (§2.2): the active flag, the minimal inactive reply,
// and the types and values of the optional members. No I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "conformance/checks/check.h"
#include "conformance/engine/http.h"

namespace ock::conformance::checks {

using engine::HttpExchange;

// The scope member of an introspection reply, when it is a string (records nothing).
std::optional<std::string> introspected_scope(const HttpExchange& x);

// 200, a JSON object whose "active" member is the boolean `active`. id "introspection_active"
bool expect_introspection_active(const HttpExchange& x, bool active, const Tag& tag = {});
// The JSON object has no member besides "active".                default id "inactive_minimal"
bool expect_only_active_member(const HttpExchange& x, const Tag& tag = {});
// The member, when present, is a JSON integer.                    default id "<member>_type"
bool expect_integer_member_if_present(const HttpExchange& x, std::string_view member,
                                      const Tag& tag = {});
// The member, when present, is a JSON string.                     default id "<member>_type"
bool expect_string_member_if_present(const HttpExchange& x, std::string_view member,
                                     const Tag& tag = {});
// The member, when present, is the string `want`.                 default id "<member>_value"
bool expect_member_equals_if_present(const HttpExchange& x, std::string_view member,
                                     std::string_view want, const Tag& tag = {});
// The scope member, when present, is the same scope set as `want`. default id "scope_value"
bool expect_scope_set_if_present(const HttpExchange& x, std::string_view want, const Tag& tag = {});
// exp is a JSON integer within `leeway` seconds of `want`.        default id "exp_value"
bool expect_exp_near(const HttpExchange& x, std::int64_t want, std::int64_t leeway,
                     const Tag& tag = {});
// The reply is a JSON object whose "active" member is true. Records nothing.
bool introspection_active(const HttpExchange& x);
// No token data disclosed: not an active:true reply.           default id "no_disclosure"
bool expect_no_disclosure(const HttpExchange& x, const Tag& tag = {});

}  // namespace ock::conformance::checks
