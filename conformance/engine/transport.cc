#include "conformance/engine/transport.h"

#include <cctype>

namespace ock::conformance::engine {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> find_header(const Headers& headers, std::string_view name) {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) return h.value;
  }
  return std::nullopt;
}

std::vector<std::string> find_headers(const Headers& headers, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& h : headers) {
    if (iequals(h.name, name)) out.push_back(h.value);
  }
  return out;
}

const char* to_string(TransportError::Kind kind) {
  switch (kind) {
    case TransportError::Kind::kConnect:
      return "connect";
    case TransportError::Kind::kTimeout:
      return "timeout";
    case TransportError::Kind::kTls:
      return "tls";
    case TransportError::Kind::kProtocol:
      return "protocol";
    case TransportError::Kind::kOther:
      return "other";
  }
  return "other";
}

}  // namespace ock::conformance::engine
