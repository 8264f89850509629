// The explainer: turns one HTTP answer of an OAuth server into plain words, what happened, what
// an error code means, the likely fix, and the RFC section that says so. Pure: no I/O, no
// libcurl; depends on the standard library, nlohmann_json and www_authenticate only.
#pragma once

#include <string>
#include <vector>

namespace ock::client {

// Which endpoint answered: the same status means different things at each.
// kCodeExchange is the token endpoint redeeming an authorization code (RFC 6749 §4.1.3).
enum class Endpoint { kToken, kCodeExchange, kRefresh, kRevocation, kIntrospection, kResource };

// What the explainer needs to know about a response.
struct ResponseFacts {
  int status = 0;
  std::string content_type;      // the Content-Type header value, "" if none
  std::string www_authenticate;  // the WWW-Authenticate header value, "" if none
  std::string body;
};

struct Diagnosis {
  bool ok = false;        // the server did what was asked
  std::string code;       // an OAuth error code, or one of ours: "not_json", "html_error_page",
                          // "not_found", "method_not_allowed", "no_token", "server_error",
                          // "forbidden", "missing_access_token", "unexpected_status"
  std::string summary;    // what the server said: "the token endpoint answered 401 invalid_client"
  std::string detail;     // the server's error_description, if any
  std::string meaning;    // what it means
  std::string fix;        // the likely fix ("" when ok)
  std::string reference;  // "RFC 6749 §5.2"

  // One sentence for stderr: summary, meaning, fix and reference.
  std::string sentence() const;
};

// Judges the response of the given endpoint. Never throws, whatever the body holds.
Diagnosis diagnose(Endpoint endpoint, const ResponseFacts& response);

// A few plain lines for --explain: what just happened and which RFC section says so, or, for an
// error, what the error means and the likely fix.
std::vector<std::string> explain(Endpoint endpoint, const ResponseFacts& response);

// An error the authorization endpoint sent back to the redirect URI (RFC 6749 §4.1.2.1):
// what the code means, the likely fix and the section; `description` is the server's
// error_description, already redacted by the caller.
Diagnosis diagnose_authorization_error(const std::string& code, const std::string& description);

// "the token endpoint", "the API" ... as used in sentences.
std::string endpoint_name(Endpoint endpoint);

}  // namespace ock::client
