// The client's only door to the network: one HTTP exchange over libcurl, recorded so that it can
// be shown (request line and headers exactly as sent, body, status, headers, body received).
// The only unit that includes <curl/curl.h>; it knows nothing about OAuth.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ock::client {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  Headers headers;   // added to curl's own (Host, Content-Length)
  std::string body;  // sent when not empty, or when the method is POST/PUT/PATCH
};

struct HttpResponse {
  int status = 0;
  std::string status_line;  // "HTTP/1.1 200 OK"
  Headers headers;
  std::string body;

  // The first value of a header, compared case-insensitively; "" when absent.
  std::string header(const std::string& name) const;
};

struct Exchange {
  HttpRequest request;
  std::string sent_head;   // request line and headers as curl sent them ("" if nothing was sent)
  bool completed = false;  // false: no HTTP answer (refused, timeout, TLS...), see transport_error
  std::string transport_error;
  HttpResponse response;
};

struct TlsOptions {
  std::string ca_file;    // --cacert: trust this PEM instead of the system store
  bool insecure = false;  // --insecure: skip certificate and host name checks
};

// Sends one request and waits for the answer (10 s to connect, 30 s in all). Never throws.
class HttpClient {
 public:
  explicit HttpClient(TlsOptions tls);
  Exchange send(const HttpRequest& request) const;

 private:
  TlsOptions tls_;
};

// curl_global_init/cleanup for the lifetime of main.
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

}  // namespace ock::client
