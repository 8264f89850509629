// The framing of a request head, checked before Pistache 0.0.5 parses it: Pistache keeps the first
// of two Content-Length headers, reads "+5" as 5, answers a negative or overlong length or a
// huge chunk size with a C++ exception message. So the head is collected here from the raw bytes
// of a connection, and a head whose body length is ambiguous is refused (RFC 9112 §6.3) before any
// of it reaches Pistache. std only: no Pistache.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ock::server::http {

// Why a head is refused: the status and a sentence for error_description.
struct FramingRefusal {
  int status = 400;
  std::string description;
};

// Checks one complete request head (request line, header lines, blank line):
//  - whitespace between a header name and its colon: 400 (RFC 9112 §5.1);
//  - Content-Length not 1*DIGIT (signed, empty, a word), or several that differ: 400 (§6.3);
//  - a Content-Length over `max_body` bytes: 413;
//  - any Transfer-Encoding: 411, the body must come with a Content-Length (RFC 9110 §15.5.12).
// nullopt when the framing is sound.
std::optional<FramingRefusal> framing_problem(std::string_view head, std::size_t max_body);

// The head of the request a connection is sending, collected over as many reads as it takes.
class RequestHeadBuffer {
 public:
  // Keeps at most `max_bytes`; a longer head is never complete (Pistache answers 413 for it).
  explicit RequestHeadBuffer(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // Adds received bytes; those after the blank line that ends the head are not kept.
  void append(std::string_view bytes);
  // True once the blank line has arrived.
  bool complete() const { return complete_; }
  const std::string& text() const { return head_; }
  // The next bytes start a new request.
  void clear() {
    head_.clear();
    complete_ = false;
  }
  // Once a head was refused the connection is closing: everything it sends after is dropped.
  void refuse() { refused_ = true; }
  bool refused() const { return refused_; }

 private:
  std::size_t max_bytes_;
  std::string head_;
  bool complete_ = false;
  bool refused_ = false;
};

}  // namespace ock::server::http
