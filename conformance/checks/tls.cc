#include "conformance/checks/tls.h"

#include "conformance/engine/token_reply.h"

namespace ock::conformance::checks {
namespace {

using engine::TransportError;

bool oauth_processed(const engine::HttpExchange& x) {
  auto err = engine::error_code_of(x);
  return engine::token_issued(x) || err == "invalid_client" || err == "invalid_grant" ||
         err == "unauthorized_client" || err == "unsupported_grant_type" || err == "invalid_scope";
}

// A string member of a finding, or `fallback` (never throws on odd types).
std::string str(const nlohmann::json& f, const char* key, const char* fallback) {
  auto it = f.find(key);
  return it != f.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}

bool is_redirect(int s) { return s == 301 || s == 302 || s == 303 || s == 307 || s == 308; }

}  // namespace

bool expect_certificate_valid(const Attempt& x, const Tag& tag) {
  bool tls_error = !x && x.error().kind == TransportError::Kind::kTls;
  return record(tag, "certificate", !tls_error, "a valid certificate",
                tls_error ? x.error().message : "valid");
}

bool expect_verified_run(bool insecure, const Tag& tag) {
  return record(tag, "not_insecure", !insecure, "a run that verifies certificates",
                insecure ? "the run used --insecure" : "verified");
}

bool expect_version_refused(std::string_view version, bool negotiated, const Tag& tag) {
  return record(tag, "refused", !negotiated, std::string(version) + " refused",
                negotiated ? "negotiated" : "refused");
}

bool expect_version_accepted(std::string_view version, bool negotiated, const Tag& tag) {
  return record(tag, "accepted", negotiated, std::string(version) + " accepted",
                negotiated ? "accepted" : "refused");
}

bool expect_modern_tls(bool v12, bool v13, const Tag& tag) {
  return record(tag, "modern_tls", v12 || v13, "TLS 1.2 or 1.3 accepted",
                std::string("TLS 1.2 ") + (v12 ? "accepted" : "refused") + ", TLS 1.3 " +
                    (v13 ? "accepted" : "refused"));
}

bool expect_no_cleartext_processing(const Attempt& x, const Tag& tag) {
  if (!x) {
    return record(tag, "no_cleartext_processing", true, "refused or no OAuth reply",
                  "no answer: " + x.error().message);
  }
  return record(tag, "no_cleartext_processing", !oauth_processed(*x),
                "no OAuth processing over http", engine::describe(*x));
}

bool expect_no_redirect(const Attempt& x, const Tag& tag) {
  if (!x) return true;
  return record(tag, "no_redirect", !is_redirect(x->response.status),
                "no redirect (the credentials were already sent in clear)", engine::describe(*x));
}

std::vector<std::string> testssl_warnings(const nlohmann::json& report) {
  std::vector<std::string> out;
  if (!report.is_array()) return out;
  for (const auto& f : report) {
    if (f.is_object() && str(f, "severity", "") == "WARN") {
      out.push_back(str(f, "id", "?") + ": " + str(f, "finding", ""));
    }
  }
  return out;
}

bool expect_no_severe_testssl_findings(const nlohmann::json& report, const Tag& tag) {
  int findings = 0;
  if (report.is_array()) {
    for (const auto& f : report) {
      if (!f.is_object()) continue;
      auto sev = str(f, "severity", "");
      if (sev != "HIGH" && sev != "CRITICAL") continue;
      ++findings;
      Tag t = tag;
      t.id = "testssl#" + str(f, "id", "?");
      record(t, t.id, false, "no HIGH/CRITICAL finding", sev + ": " + str(f, "finding", ""));
    }
  }
  if (findings == 0) record(tag, "testssl", true, "no HIGH/CRITICAL finding", "none");
  return findings == 0;
}

}  // namespace ock::conformance::checks
