#include "conformance/checks/metadata.h"

#include <algorithm>

namespace ock::conformance::checks {
namespace {

std::string member_text(const nlohmann::json& doc, std::string_view member) {
  auto it = doc.find(member);
  return it == doc.end() ? std::string("absent") : it->dump();
}

}  // namespace

std::vector<std::string> string_list(const nlohmann::json& doc, std::string_view member,
                                     std::vector<std::string> fallback) {
  auto it = doc.find(member);
  if (it == doc.end() || !it->is_array()) return fallback;
  std::vector<std::string> out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool expect_string_member(const nlohmann::json& doc, std::string_view member, const Tag& tag) {
  auto it = doc.find(member);
  return record(tag, member, it != doc.end() && it->is_string(), "a string " + std::string(member),
                member_text(doc, member));
}

bool expect_string_member_equals(const nlohmann::json& doc, std::string_view member,
                                 std::string_view want, const Tag& tag) {
  auto it = doc.find(member);
  bool ok = it != doc.end() && it->is_string() && it->get<std::string>() == want;
  return record(tag, member, ok, "\"" + std::string(want) + "\"", member_text(doc, member));
}

bool expect_string_array_member(const nlohmann::json& doc, std::string_view member,
                                const Tag& tag) {
  auto it = doc.find(member);
  bool ok = it != doc.end() && it->is_array() &&
            std::all_of(it->begin(), it->end(), [](const auto& v) { return v.is_string(); });
  return record(tag, member, ok, "an array of strings", member_text(doc, member));
}

bool expect_advertised_if_works(const std::optional<std::string>& observed,
                                const std::vector<std::string>& list, std::string_view list_name,
                                std::string_view value, const Tag& tag) {
  if (observed != "works") return true;
  return record(tag, std::string(list_name) + "#" + std::string(value), contains(list, value),
                std::string(value) + " advertised (it works)",
                std::string(list_name) + ": " + nlohmann::json(list).dump());
}

bool expect_works_if_advertised(const std::optional<std::string>& observed,
                                const std::vector<std::string>& list, std::string_view value,
                                const Tag& tag) {
  if (observed != "rejected" || !contains(list, value)) return true;
  return record(tag, "advertised_refused#" + std::string(value), false,
                std::string(value) + " works (it is advertised)", "refused");
}

bool expect_not_advertised(const std::vector<std::string>& list, std::string_view list_name,
                           std::string_view value, const Tag& tag) {
  return record(tag, std::string(list_name) + "#" + std::string(value), !contains(list, value),
                std::string(value) + " not advertised",
                std::string(list_name) + ": " + nlohmann::json(list).dump());
}

bool expect_endpoint_advertised(const nlohmann::json& doc, std::string_view member,
                                std::string_view configured,
                                const std::optional<std::string>& observed, const Tag& tag) {
  auto it = doc.find(member);
  if (it != doc.end() && it->is_string()) {
    return record(tag, member, it->get<std::string>() == configured, std::string(configured),
                  it->get<std::string>());
  }
  if (observed != "works") return true;
  Tag t = tag;
  if (!t.id.empty()) t.id += "_advertised";
  return record(t, std::string(member) + "_advertised", false,
                std::string(member) + " advertised (the endpoint works)", "absent");
}

}  // namespace ock::conformance::checks
