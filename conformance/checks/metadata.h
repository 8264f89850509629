// Checks on an RFC 8414 authorization server metadata document: its members (§2, §3.3) and
// whether what it advertises agrees with what the run observed the server do (§2: the values
// SHOULD describe what is supported). Observations come in as the facts' values ("works",
// "rejected", "fails"); nothing here sends or reads the run's state.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/checks/check.h"

namespace ock::conformance::checks {

// The strings of an array member, or `fallback` when the member is absent or not an array (the
// defaults of RFC 8414 §2). Records nothing.
std::vector<std::string> string_list(const nlohmann::json& doc, std::string_view member,
                                     std::vector<std::string> fallback = {});
bool contains(const std::vector<std::string>& list, std::string_view value);

// The member is a string.                                      default id: the member name
bool expect_string_member(const nlohmann::json& doc, std::string_view member, const Tag& tag = {});
// The member is the string `want`, byte for byte.              default id: the member name
bool expect_string_member_equals(const nlohmann::json& doc, std::string_view member,
                                 std::string_view want, const Tag& tag = {});
// The member is an array of strings.                           default id: the member name
bool expect_string_array_member(const nlohmann::json& doc, std::string_view member,
                                const Tag& tag = {});
// What works is advertised: when `observed` is "works", `value` is in `list`. Records nothing
// when the behaviour was not observed working.        default id "<list_name>#<value>"
bool expect_advertised_if_works(const std::optional<std::string>& observed,
                                const std::vector<std::string>& list, std::string_view list_name,
                                std::string_view value, const Tag& tag = {});
// What is advertised works: fails when `observed` is "rejected" and `value` is in `list`.
// Records nothing otherwise.                            default id "advertised_refused#<value>"
bool expect_works_if_advertised(const std::optional<std::string>& observed,
                                const std::vector<std::string>& list, std::string_view value,
                                const Tag& tag = {});
// `value` is not in `list` (a method the metadata must not advertise).
//                                                             default id "<list_name>#<value>"
bool expect_not_advertised(const std::vector<std::string>& list, std::string_view list_name,
                           std::string_view value, const Tag& tag = {});
// An endpoint member equals the configured URL; when the member is absent, fails only if the
// endpoint was observed working (`observed` is "works"), with id "<member>_advertised".
//                                                             default id: the member name
bool expect_endpoint_advertised(const nlohmann::json& doc, std::string_view member,
                                std::string_view configured,
                                const std::optional<std::string>& observed, const Tag& tag = {});

}  // namespace ock::conformance::checks
