// Redaction of everything that goes into a report or onto the console: every secret of the
// profile and every token the run saw becomes `prefix…#hash6`, the credentials of
// Authorization headers likewise; bytes that are not valid UTF-8 become \xHH; bodies are capped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "conformance/model/run_report.h"

namespace ock::conformance::runner {

// `prefix…#hash6`: at most 4 leading characters (fewer for short values) and 6 hex digits of
// the value's SHA-256.
std::string fingerprint(std::string_view secret);

class Redactor {
 public:
  explicit Redactor(std::vector<std::string> secrets, std::size_t max_text = 16384);
  // Redacts Authorization / Proxy-Authorization credentials, then secrets in every form of
  // engine/secret_forms.h (one pass, leftmost and longest first); escapes invalid UTF-8 and
  // control bytes.
  std::string redact(std::string_view text) const;
  // Same, then caps the length ("…[N more bytes]").
  // `not_kept`: bytes already cut before (added to the "more bytes" count, and the marker is
  // written even when the text itself fits).
  std::string redact_capped(std::string_view text, std::size_t not_kept = 0) const;
  // Applies redact() to every string field of a case result.
  void redact(CaseResult& result) const;

 private:
  std::string replace_secrets(std::string_view text) const;

  // Every form of every secret and its fingerprint, grouped by the form's first 3 bytes (each
  // form has at least 3), longest first within a group: one hash lookup per byte of text.
  std::vector<std::pair<std::string, std::string>> replacements_;
  std::unordered_map<std::uint32_t, std::pair<std::size_t, std::size_t>> by_prefix_;  // [begin, end)
  std::size_t max_text_;
};

}  // namespace ock::conformance::runner
