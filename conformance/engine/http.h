// An HTTP exchange as plain data: the request a case asks for, the response as it came back,
// and both as they went over the wire. What the transport fills in, what the checks judge and
// what the recorder keeps. Data only; std only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ock::conformance::engine {

struct Header {
  std::string name;
  std::string value;
};
using Headers = std::vector<Header>;  // in wire order, duplicates kept

// First value of a header (case-insensitive name), or nullopt.
std::optional<std::string> find_header(const Headers& headers, std::string_view name);
// Every value of a header (case-insensitive name), in wire order.
std::vector<std::string> find_headers(const Headers& headers, std::string_view name);

enum class TlsVersion { kDefault, kV1_0, kV1_1, kV1_2, kV1_3 };

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute, query included
  Headers headers;  // sent as given, after the transport's own (Host, Content-Length)
  std::string body;
  // TLS knobs for the TLS cases; ordinary cases leave them alone.
  TlsVersion tls_exact = TlsVersion::kDefault;  // pin min = max = this version
  std::optional<bool> verify_tls;               // override --insecure / the profile for this call
  std::optional<std::chrono::milliseconds> timeout;
  // The local IP address to send from ("" = the system's choice): a destructive case's own
  // (runner/source_address.h), so that an address-keyed lockout it provokes reaches no other.
  std::string source_address;
};

struct HttpResponse {
  int status = 0;
  std::string status_line;  // "HTTP/1.1 200 OK"
  Headers headers;
  std::string body;
  // Bytes of the body received beyond the transport's cap (--max-body) and not kept: the body
  // above is then its first bytes only.
  std::size_t body_bytes_dropped = 0;

  std::optional<std::string> header(std::string_view name) const {
    return find_header(headers, name);
  }
  std::vector<std::string> header_all(std::string_view name) const {
    return find_headers(headers, name);
  }
};

struct HttpExchange {
  HttpRequest request;       // what the case asked for
  std::string raw_request;   // request line, headers and body exactly as sent
  std::string raw_head;      // status line and headers exactly as received (the body is above)
  HttpResponse response;
  std::chrono::microseconds elapsed{0};
  std::string tls_version;  // "TLSv1.3" when TLS was used, else ""
  std::string label;        // set by Probe::send: what the case used it for
};

}  // namespace ock::conformance::engine
