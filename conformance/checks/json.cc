#include "conformance/checks/json.h"

#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "conformance/checks/text.h"
#include "conformance/engine/token_reply.h"

namespace ock::conformance::checks {
namespace {

using engine::describe;
using engine::parse_json_body;

class DuplicateFinder : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool duplicate = false;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys_.emplace_back();
    return true;
  }
  bool key(string_t& k) override {
    if (!keys_.back().insert(k).second) duplicate = true;
    return true;
  }
  bool end_object() override {
    keys_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  std::vector<std::set<std::string>> keys_;
};

}  // namespace

bool is_json_media_type(std::string_view content_type) {
  auto semi = content_type.find(';');
  auto type = lower(trim(content_type.substr(0, semi)));
  return type == "application/json";
}

bool json_has_duplicate_members(std::string_view text) {
  DuplicateFinder finder;
  bool parsed = nlohmann::json::sax_parse(text, &finder, nlohmann::json::input_format_t::json,
                                          /*strict=*/true);
  return parsed && finder.duplicate;
}

std::string describe_json_body(const HttpExchange& x) {
  auto j = parse_json_body(x.response);
  if (!j) return "no JSON body (" + describe(x) + ")";
  if (!j->is_object()) return "body is not a JSON object";
  std::string s = j->dump();
  if (s.size() > 200) s = s.substr(0, 200) + "...";
  return s;
}

bool expect_json_content_type(const HttpExchange& x, const Tag& tag) {
  auto ct = x.response.header("Content-Type");
  return record(tag, "media_type", ct && is_json_media_type(*ct), "application/json",
                ct ? *ct : "no Content-Type");
}

bool expect_json_object(const HttpExchange& x, const Tag& tag) {
  auto j = parse_json_body(x.response);
  std::string actual =
      !j ? "body is not JSON"
         : (j->is_object() ? "JSON object" : "JSON " + std::string(j->type_name()));
  return record(tag, "json_object", j && j->is_object(), "one JSON object", actual);
}

bool expect_no_duplicate_members(const HttpExchange& x, const Tag& tag) {
  bool dup = json_has_duplicate_members(x.response.body);
  return record(tag, "no_duplicate_members", !dup, "no repeated member names",
                dup ? "a member name appears twice" : "none repeated");
}

bool expect_json_error_body(const HttpExchange& x, const Tag& tag) {
  auto body = parse_json_body(x.response);
  bool ok = body && body->is_object() && body->contains("error");
  return record(
      tag, "json_error_body", ok, "a JSON error object",
      ok     ? "a JSON error object"
      : body ? "JSON without an error member"
             : "not JSON (" + x.response.header("Content-Type").value_or("no Content-Type") + ")");
}

}  // namespace ock::conformance::checks
