// The request line of one HTTP/1.1 request, collected from the raw bytes its connection
// receives (possibly over several reads), and the query string of its target exactly as sent.
// Pistache 0.0.5 keeps only a parsed map of the query (order and repeated parameters lost), so
// http_server.cc reads the query from here. std only: no Pistache.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ock::server::http {

class RequestLineBuffer {
 public:
  // Keeps at most `max_bytes` of a line.
  explicit RequestLineBuffer(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // Adds received bytes; only those up to the end of the first line are kept.
  void append(std::string_view bytes);
  // Forgets the line: the next bytes start a new request.
  void clear() { line_.clear(); }
  // True once the line end ('\n') has arrived.
  bool complete() const { return line_.find('\n') != std::string::npos; }
  // The query of the request target (the bytes after its first '?'), "" when it has none.
  std::string query() const;

 private:
  std::size_t max_bytes_;
  std::string line_;
};

// The query of the target in a request line such as "GET /p?a=1&a=2 HTTP/1.1": the bytes
// between the target's first '?' and its end, untouched; "" when there is no '?'.
std::string query_of_request_line(std::string_view line);

}  // namespace ock::server::http
