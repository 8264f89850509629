// application/x-www-form-urlencoded bodies as RFC 6749 Appendix B wants them (UTF-8, then
// percent-encoding, space as '+'), the Basic credential of §2.3.1 and base64.
// Protocol-free encoding only; no knowledge of what a parameter means.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ock::conformance::engine {

// Percent-encodes per the form-urlencoded serializer: ALPHA DIGIT "*-._" kept, space -> '+',
// every other byte -> %HH (upper-case hex).
std::string form_encode(std::string_view raw);
// Decodes '+' and %HH; nullopt on a malformed escape.
std::optional<std::string> form_decode(std::string_view encoded);
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);
// "Basic " + base64(form_encode(id) ":" form_encode(secret)) (RFC 6749 §2.3.1).
std::string basic_authorization(std::string_view client_id, std::string_view secret);
// Same without the form-encoding step (the raw, non-conforming variant
// client_auth.basic.form_encoded_specials retries with).
std::string basic_authorization_raw(std::string_view client_id, std::string_view secret);

// An ordered list of form fields; duplicates allowed (for the duplicate-parameter cases).
class Form {
 public:
  Form() = default;
  Form(std::initializer_list<std::pair<std::string, std::string>> fields);
  Form& add(std::string name, std::string value);  // appends, keeps existing ones
  Form& set(std::string name, std::string value);  // replaces every field of that name
  Form& remove(std::string_view name);
  std::optional<std::string> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }
  // "name=value&..." with both sides form-encoded.
  std::string encode() const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

}  // namespace ock::conformance::engine
