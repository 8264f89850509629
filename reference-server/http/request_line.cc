#include "reference-server/http/request_line.h"

namespace ock::server::http {

void RequestLineBuffer::append(std::string_view bytes) {
  if (complete() || line_.size() >= max_bytes_) return;
  auto end = bytes.find('\n');
  if (end != std::string_view::npos) bytes = bytes.substr(0, end + 1);
  line_.append(bytes.substr(0, max_bytes_ - line_.size()));
}

std::string RequestLineBuffer::query() const { return query_of_request_line(line_); }

std::string query_of_request_line(std::string_view line) {
  auto target_start = line.find(' ');
  if (target_start == std::string_view::npos) return {};
  std::string_view target = line.substr(target_start + 1);
  target = target.substr(0, target.find_first_of(" \r\n"));
  auto q = target.find('?');
  return q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
}

}  // namespace ock::server::http
