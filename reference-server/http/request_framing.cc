#include "reference-server/http/request_framing.h"

#include <vector>

namespace ock::server::http {
namespace {

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && (is_ows(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view without_leading_zeros(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return digits;
}

}  // namespace

std::optional<FramingRefusal> framing_problem(std::string_view head, std::size_t max_body) {
  std::vector<std::string_view> lengths;
  bool transfer_encoding = false;
  std::size_t at = head.find('\n');  // the request line is not a header
  while (at != std::string_view::npos && at + 1 < head.size()) {
    const std::size_t start = at + 1;
    const std::size_t end = head.find('\n', start);
    std::string_view line = head.substr(start, end == std::string_view::npos ? head.npos : end - start);
    at = end;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // the blank line: end of the head
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // Pistache's parser judges the rest
    std::string_view name = line.substr(0, colon);
    if (!name.empty() && is_ows(name.back())) {
      return FramingRefusal{400, "whitespace between a header name and its colon"};
    }
    std::string_view value = trim(line.substr(colon + 1));
    if (same_name(name, "Transfer-Encoding")) {
      transfer_encoding = true;
    } else if (same_name(name, "Content-Length")) {
      // A list ("5, 5") is one length said twice (RFC 9112 §6.3).
      std::size_t from = 0;
      for (;;) {
        const std::size_t comma = value.find(',', from);
        lengths.push_back(trim(value.substr(from, comma == std::string_view::npos ? value.npos : comma - from)));
        if (comma == std::string_view::npos) break;
        from = comma + 1;
      }
    }
  }
  if (transfer_encoding) {
    return FramingRefusal{411, "a request body must come with a Content-Length, not a Transfer-Encoding"};
  }
  if (lengths.empty()) return std::nullopt;
  for (auto l : lengths) {
    if (!all_digits(l)) return FramingRefusal{400, "Content-Length must be a decimal number of bytes"};
  }
  const std::string_view first = without_leading_zeros(lengths.front());
  for (auto l : lengths) {
    if (without_leading_zeros(l) != first) {
      return FramingRefusal{400, "several Content-Length values that differ"};
    }
  }
  const std::string max = std::to_string(max_body);
  if (first.size() > max.size() || (first.size() == max.size() && first > std::string_view(max))) {
    return FramingRefusal{413, "the request body is larger than this server accepts"};
  }
  return std::nullopt;
}

void RequestHeadBuffer::append(std::string_view bytes) {
  if (complete_ || head_.size() >= max_bytes_) return;
  // Empty lines before a request line are skipped (RFC 9112 §2.2); they do not end a head.
  while (head_.empty() && !bytes.empty() && (bytes.front() == '\r' || bytes.front() == '\n')) {
    bytes.remove_prefix(1);
  }
  // Look for the blank line from a little before the new bytes: it may straddle two reads.
  const std::size_t from = head_.size() >= 3 ? head_.size() - 3 : 0;
  head_.append(bytes.substr(0, max_bytes_ - head_.size()));
  for (std::size_t i = from; i < head_.size(); ++i) {
    if (head_[i] != '\n') continue;
    const bool crlf_blank = i >= 3 && head_.compare(i - 3, 4, "\r\n\r\n") == 0;
    const bool lf_blank = i >= 1 && head_[i - 1] == '\n';
    if (crlf_blank || lf_blank) {
      head_.resize(i + 1);
      complete_ = true;
      return;
    }
  }
}

}  // namespace ock::server::http
