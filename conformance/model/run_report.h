// The outcome of a conformance run as plain data: what every reporter (JSON, JUnit, Markdown,
// HTML, console, compare) renders and what the runner produces. No I/O, no curl, no JSON
// library here. Everything in it is already redacted: no secret or full token may be stored.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ock::conformance {

enum class Verdict { kPass, kFail, kWarn, kSkip, kError };

// "PASS", "FAIL", "WARN", "SKIP", "ERROR".
inline const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return "PASS";
    case Verdict::kFail:
      return "FAIL";
    case Verdict::kWarn:
      return "WARN";
    case Verdict::kSkip:
      return "SKIP";
    case Verdict::kError:
      return "ERROR";
  }
  return "ERROR";
}

struct SpecRef {
  std::string doc;      // "RFC6749"
  std::string section;  // "5.2"
};

struct AssertionResult {
  std::string id;  // "status", "error_code", "cache_control#refresh"
  Verdict verdict = Verdict::kPass;
  std::string expected;
  std::string actual;
};

// One HTTP exchange as sent and received, already redacted, capped in size.
struct RecordedExchange {
  std::string label;     // what the case used it for ("wrong secret, Basic")
  std::string request;   // request line, headers, body
  std::string response;  // status line, headers, body ("" when no response came)
  // Bytes of the response not kept: cut when recorded (more than a report shows) or by the
  // transport's --max-body. The report's "…[N more bytes]" counts them.
  std::size_t response_bytes_not_kept = 0;
};

struct CaseResult {
  std::string id;    // "password.error.wrong_password"
  std::string area;  // "password"
  std::string title;
  std::string requirement;  // the RFC sentence the case rests on
  std::vector<SpecRef> refs;
  std::string level;  // "MUST", "SHOULD", "MAY", "TOLERANCE", "BCP", "ADVICE"
  Verdict verdict = Verdict::kPass;
  std::optional<Verdict> baseline;  // the expected verdict when a baseline entry matched
  std::string baseline_comment;
  bool stale_baseline = false;  // a baseline entry expected a failure that did not happen
  std::string reason;           // one line: why the verdict is what it is
  std::vector<std::string> notes;
  std::vector<AssertionResult> assertions;
  std::optional<std::string> skip_reason;
  std::int64_t duration_ms = 0;
  std::vector<RecordedExchange> exchanges;
};

struct RunReport {
  std::string schema = "ock-report/1";
  std::string runner_version;
  std::string catalog_version;
  std::string mode = "rfc";  // rfc | strict | bcp
  std::string target_name;
  std::string base_url;
  std::string profile_sha256;
  std::string started;  // ISO 8601 UTC, "2026-01-01T00:00:00Z"
  std::int64_t duration_ms = 0;
  bool insecure = false;  // the run used --insecure
  std::string incomplete;  // why the run ended before its cases did ("" when it did not)
  std::vector<std::string> grants;  // the grants the target offers, when known
  std::string grants_source;        // "the profile", "the metadata", "" (unknown)
  std::vector<CaseResult> results;

  // Counts per verdict, every verdict present (zero when none).
  std::map<std::string, int> summary() const {
    std::map<std::string, int> s{{"PASS", 0}, {"FAIL", 0}, {"WARN", 0}, {"SKIP", 0}, {"ERROR", 0}};
    for (const auto& r : results) s[to_string(r.verdict)]++;
    return s;
  }
};

}  // namespace ock::conformance
