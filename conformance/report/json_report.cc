#include "conformance/report/json_report.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ock::conformance::report {
namespace {

using OrderedJson = nlohmann::ordered_json;
using Json = nlohmann::json;

OrderedJson verdict_or_null(const std::optional<Verdict>& v) {
  return v ? OrderedJson(to_string(*v)) : OrderedJson(nullptr);
}

OrderedJson case_to_json(const CaseResult& c) {
  OrderedJson refs = OrderedJson::array();
  for (const auto& r : c.refs) refs.push_back({{"doc", r.doc}, {"section", r.section}});
  OrderedJson assertions = OrderedJson::array();
  for (const auto& a : c.assertions) {
    assertions.push_back({{"id", a.id},
                          {"verdict", to_string(a.verdict)},
                          {"expected", a.expected},
                          {"actual", a.actual}});
  }
  OrderedJson exchanges = OrderedJson::array();
  for (const auto& x : c.exchanges) {
    exchanges.push_back({{"label", x.label}, {"request", x.request}, {"response", x.response}});
  }
  OrderedJson j;
  j["id"] = c.id;
  j["area"] = c.area;
  j["title"] = c.title;
  j["requirement"] = c.requirement;
  j["refs"] = std::move(refs);
  j["level"] = c.level;
  j["verdict"] = to_string(c.verdict);
  j["baseline"] = verdict_or_null(c.baseline);
  j["baseline_comment"] = c.baseline_comment;
  j["stale_baseline"] = c.stale_baseline;
  j["reason"] = c.reason;
  j["notes"] = c.notes;
  j["assertions"] = std::move(assertions);
  j["skip_reason"] = c.skip_reason ? OrderedJson(*c.skip_reason) : OrderedJson(nullptr);
  j["duration_ms"] = c.duration_ms;
  j["exchanges"] = std::move(exchanges);
  return j;
}

[[noreturn]] void bad(const std::string& path, const std::string& what) {
  throw std::runtime_error("the report's field \"" + path + "\" " + what + ".");
}

// "results[2]" + "verdict" -> "results[2].verdict"; top-level fields have an empty parent.
std::string join(const std::string& where, const char* key) {
  return where.empty() ? std::string(key) : where + "." + key;
}

const Json* member(const Json& obj, const char* key, const std::string& where, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) bad(join(where, key), "is missing");
    return nullptr;
  }
  return &*it;
}

const Json& object_member(const Json& obj, const char* key, const std::string& where) {
  const Json* v = member(obj, key, where, true);
  if (!v->is_object()) bad(join(where, key), "must be an object");
  return *v;
}

std::string string_member(const Json& obj, const char* key, const std::string& where,
                          bool required = false) {
  const Json* v = member(obj, key, where, required);
  if (v == nullptr) return "";
  if (!v->is_string()) bad(join(where, key), "must be a string");
  return v->get<std::string>();
}

std::int64_t int_member(const Json& obj, const char* key, const std::string& where) {
  const Json* v = member(obj, key, where, false);
  if (v == nullptr) return 0;
  if (!v->is_number_integer()) bad(join(where, key), "must be an integer");
  return v->get<std::int64_t>();
}

bool bool_member(const Json& obj, const char* key, const std::string& where) {
  const Json* v = member(obj, key, where, false);
  if (v == nullptr) return false;
  if (!v->is_boolean()) bad(join(where, key), "must be true or false");
  return v->get<bool>();
}

Verdict parse_verdict(const Json& v, const std::string& where) {
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    for (Verdict candidate :
         {Verdict::kPass, Verdict::kFail, Verdict::kWarn, Verdict::kSkip, Verdict::kError}) {
      if (s == to_string(candidate)) return candidate;
    }
  }
  bad(where, "must be one of PASS, FAIL, WARN, SKIP, ERROR");
}

const Json& array_member(const Json& obj, const char* key, const std::string& where,
                         bool required = false) {
  static const Json kEmpty = Json::array();
  const Json* v = member(obj, key, where, required);
  if (v == nullptr) return kEmpty;
  if (!v->is_array()) bad(join(where, key), "must be an array");
  return *v;
}

const Json& element_object(const Json& v, const std::string& where) {
  if (!v.is_object()) bad(where, "must be an object");
  return v;
}

CaseResult case_from_json(const Json& j, const std::string& where) {
  element_object(j, where);
  CaseResult c;
  c.id = string_member(j, "id", where, true);
  if (c.id.empty()) bad(where + ".id", "must not be empty");
  c.area = string_member(j, "area", where, true);
  c.title = string_member(j, "title", where);
  c.requirement = string_member(j, "requirement", where);
  const Json& refs = array_member(j, "refs", where);
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const std::string w = where + ".refs[" + std::to_string(i) + "]";
    const Json& r = element_object(refs[i], w);
    c.refs.push_back({string_member(r, "doc", w, true), string_member(r, "section", w)});
  }
  c.level = string_member(j, "level", where);
  c.verdict = parse_verdict(*member(j, "verdict", where, true), where + ".verdict");
  if (const Json* b = member(j, "baseline", where, false); b != nullptr && !b->is_null()) {
    c.baseline = parse_verdict(*b, where + ".baseline");
  }
  c.baseline_comment = string_member(j, "baseline_comment", where);
  c.stale_baseline = bool_member(j, "stale_baseline", where);
  c.reason = string_member(j, "reason", where);
  const Json& notes = array_member(j, "notes", where);
  for (std::size_t i = 0; i < notes.size(); ++i) {
    if (!notes[i].is_string()) bad(where + ".notes[" + std::to_string(i) + "]", "must be a string");
    c.notes.push_back(notes[i].get<std::string>());
  }
  const Json& assertions = array_member(j, "assertions", where);
  for (std::size_t i = 0; i < assertions.size(); ++i) {
    const std::string w = where + ".assertions[" + std::to_string(i) + "]";
    const Json& a = element_object(assertions[i], w);
    AssertionResult ar;
    ar.id = string_member(a, "id", w, true);
    ar.verdict = parse_verdict(*member(a, "verdict", w, true), w + ".verdict");
    ar.expected = string_member(a, "expected", w);
    ar.actual = string_member(a, "actual", w);
    c.assertions.push_back(std::move(ar));
  }
  if (const Json* s = member(j, "skip_reason", where, false); s != nullptr && !s->is_null()) {
    if (!s->is_string()) bad(where + ".skip_reason", "must be a string or null");
    c.skip_reason = s->get<std::string>();
  }
  c.duration_ms = int_member(j, "duration_ms", where);
  const Json& exchanges = array_member(j, "exchanges", where);
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    const std::string w = where + ".exchanges[" + std::to_string(i) + "]";
    const Json& x = element_object(exchanges[i], w);
    c.exchanges.push_back({string_member(x, "label", w), string_member(x, "request", w),
                           string_member(x, "response", w)});
  }
  return c;
}

}  // namespace

std::string to_json(const RunReport& report) {
  OrderedJson summary;
  for (const char* v : {"PASS", "FAIL", "WARN", "SKIP", "ERROR"}) summary[v] = 0;
  for (const auto& [verdict, count] : report.summary()) summary[verdict] = count;
  OrderedJson results = OrderedJson::array();
  for (const auto& c : report.results) results.push_back(case_to_json(c));

  OrderedJson j;
  j["schema"] = report.schema;
  j["runner"] = {{"version", report.runner_version},
                 {"catalog_version", report.catalog_version},
                 {"mode", report.mode}};
  j["target"] = {{"name", report.target_name},
                 {"base_url", report.base_url},
                 {"profile_sha256", report.profile_sha256}};
  if (!report.grants_source.empty()) {
    j["target"]["grants"] = report.grants;
    j["target"]["grants_from"] = report.grants_source;
  }
  j["started"] = report.started;
  j["duration_ms"] = report.duration_ms;
  j["insecure"] = report.insecure;
  if (!report.incomplete.empty()) j["incomplete"] = report.incomplete;
  j["summary"] = std::move(summary);
  j["results"] = std::move(results);
  // Target bytes may be cut mid-character by the cap: replace, never throw.
  return j.dump(2, ' ', false, OrderedJson::error_handler_t::replace) + "\n";
}

RunReport from_json(std::string_view text) {
  Json j;
  try {
    j = Json::parse(text);
  } catch (const Json::parse_error& e) {
    throw std::runtime_error("the report is not valid JSON (syntax error at byte " +
                             std::to_string(e.byte) + ").");
  } catch (const Json::out_of_range&) {
    // A number such as 1e400 is valid JSON that fits no double: nlohmann throws out_of_range,
    // not parse_error (found by conformance/fuzz, runner_report).
    throw std::runtime_error("the report holds a JSON number out of range.");
  }
  if (!j.is_object()) throw std::runtime_error("the report must be a JSON object.");
  const std::string root;
  RunReport r;
  r.schema = string_member(j, "schema", root, true);
  if (r.schema.rfind("ock-report/", 0) != 0) {
    throw std::runtime_error("the report's schema \"" + r.schema +
                             "\" is not an ock-report schema (expected \"ock-report/1\").");
  }
  const Json& runner = object_member(j, "runner", root);
  r.runner_version = string_member(runner, "version", "runner");
  r.catalog_version = string_member(runner, "catalog_version", "runner");
  r.mode = string_member(runner, "mode", "runner");
  const Json& target = object_member(j, "target", root);
  r.target_name = string_member(target, "name", "target", true);
  r.base_url = string_member(target, "base_url", "target");
  r.profile_sha256 = string_member(target, "profile_sha256", "target");
  r.started = string_member(j, "started", root);
  r.duration_ms = int_member(j, "duration_ms", root);
  r.insecure = bool_member(j, "insecure", root);
  if (auto it = j.find("incomplete"); it != j.end() && it->is_string()) {
    r.incomplete = it->get<std::string>();
  }
  const Json& results = array_member(j, "results", root, true);
  for (std::size_t i = 0; i < results.size(); ++i) {
    r.results.push_back(case_from_json(results[i], "results[" + std::to_string(i) + "]"));
  }
  return r;
}

}  // namespace ock::conformance::report
