// End-to-end test support: a tiny libcurl client (status, every response header in order with
// duplicates kept, body) and a raw TCP client for bytes no well-behaved client would send.
// Knows nothing about OAuth beyond building a Basic header and a form body.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ock::server::e2e {

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

// What came back on a raw TCP connection.
struct RawExchange {
  bool connected = false;
  std::string received;  // every byte read before close or timeout
  bool closed_by_peer = false;
  // The status code of the first response line, 0 if none.
  int first_status() const;
};

// Connects to 127.0.0.1:port, writes `bytes`, then reads until the peer closes or `wait`
// passes (the socket is closed then).
RawExchange raw_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds wait);

}  // namespace ock::server::e2e
