// Redaction of everything that goes into a report or onto the console: every secret of the
// profile and every token the run saw becomes `prefix…#hash6`, the credentials of
// Authorization headers likewise; bytes that are not valid UTF-8 become \xHH; bodies are capped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/model/run_report.h"

namespace ock::conformance::runner {

// `prefix…#hash6`: at most 4 leading characters (fewer for short values) and 6 hex digits of
// the value's SHA-256.
std::string fingerprint(std::string_view secret);

class Redactor {
 public:
  explicit Redactor(std::vector<std::string> secrets, std::size_t max_text = 16384);
  // Redacts secrets (raw, form-encoded, percent-encoded, JSON-escaped, Basic-encoded forms) and
  // Authorization / Proxy-Authorization credentials; escapes invalid UTF-8 and control bytes.
  std::string redact(std::string_view text) const;
  // Same, then caps the length ("…[N more bytes]").
  // `not_kept`: bytes already cut before (added to the "more bytes" count, and the marker is
  // written even when the text itself fits).
  std::string redact_capped(std::string_view text, std::size_t not_kept = 0) const;
  // Applies redact() to every string field of a case result.
  void redact(CaseResult& result) const;

 private:
  std::vector<std::pair<std::string, std::string>> replacements_;  // longest first
  std::size_t max_text_;
};

}  // namespace ock::conformance::runner
