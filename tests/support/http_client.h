// The tests' one HTTP client, on libcurl: a request in, the status, every response header in
// wire order (duplicates kept) and the body out; never throws. Plus the two request pieces
// tests build by hand, a form body and HTTP Basic credentials, written from RFC 6749 rather than
// borrowed from any program's code. Knows nothing else of OAuth.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ock::test_support {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"; "Name:" removes a curl default
  std::optional<std::string> body;   // sent as is, NUL bytes included
  std::string ca_file;               // for https: trust this PEM
  std::chrono::milliseconds timeout = std::chrono::seconds(30);
};

struct HttpResponse {
  int curl_code = 0;  // CURLE_OK (0) when a response arrived
  std::string error;  // curl's message otherwise
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // in wire order, duplicates kept
  std::string body;

  bool ok() const { return curl_code == 0; }
  // Every value of the header `name` (case-insensitive), in order.
  std::vector<std::string> header_values(const std::string& name) const;
  // The first value, if any.
  std::optional<std::string> header(const std::string& name) const;
  // "200 {body}" or "curl error N: message", for assertion messages.
  std::string describe() const;
};

// Performs one request on a new connection. Never throws.
HttpResponse send(const HttpRequest& request);

// Shortcuts.
HttpResponse get(const std::string& url, const std::vector<std::string>& headers = {});
HttpResponse post_form(const std::string& url, const std::string& body,
                       const std::vector<std::string>& headers = {});

// application/x-www-form-urlencoded encoding of one value (RFC 6749 Appendix B).
std::string form_encode(const std::string& text);
// "a=1&b=2" from pairs, each side form-encoded.
std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields);
std::string base64(const std::string& bytes);
// "Authorization: Basic …" with id and secret form-encoded first (RFC 6749 §2.3.1).
std::string basic_auth_header(const std::string& client_id, const std::string& secret);

}  // namespace ock::test_support
