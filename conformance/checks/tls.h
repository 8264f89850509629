// Checks on what the TLS cases observed: certificate validation (RFC 6749 §10.9, RFC 6750 §5.3),
// the protocol floor (RFC 8996, RFC 9325 §3.1.1), no OAuth processing over plain http
// (RFC 6749 §3.2, §10.9), and the findings of testssl.sh. The observations come in as what the
// transport returned; nothing here sends anything.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/checks/check.h"
#include "conformance/engine/transport.h"

namespace ock::conformance::checks {

using Attempt = Result<engine::HttpExchange, engine::TransportError>;

// No TLS validation error (another transport failure is not a certificate problem).
//                                                              default id "certificate"
bool expect_certificate_valid(const Attempt& x, const Tag& tag = {});
// The run verified certificates (no --insecure).              default id "not_insecure"
bool expect_verified_run(bool insecure, const Tag& tag = {});
// A handshake pinned to `version` ("TLS 1.0") did not succeed.   default id "refused"
bool expect_version_refused(std::string_view version, bool negotiated, const Tag& tag = {});
// A handshake pinned to `version` succeeded.                   default id "accepted"
bool expect_version_accepted(std::string_view version, bool negotiated, const Tag& tag = {});
// TLS 1.2 or 1.3 succeeded.                                    default id "modern_tls"
bool expect_modern_tls(bool v12, bool v13, const Tag& tag = {});
// A request over plain http got no OAuth processing: no answer, or an answer that is neither a
// token nor an OAuth error about the credentials it carried.  default id "no_cleartext_processing"
bool expect_no_cleartext_processing(const Attempt& x, const Tag& tag = {});
// A request over plain http was not redirected (the credentials already went in clear).
// Records nothing when there was no answer.                   default id "no_redirect"
bool expect_no_redirect(const Attempt& x, const Tag& tag = {});

// The WARN findings of a testssl.sh JSON report (what it could not test), as notes.
std::vector<std::string> testssl_warnings(const nlohmann::json& report);
// No HIGH or CRITICAL finding in a testssl.sh JSON report: one failing assertion per finding
// ("testssl#<id>"), or one passing "testssl".
bool expect_no_severe_testssl_findings(const nlohmann::json& report, const Tag& tag = {});

}  // namespace ock::conformance::checks
