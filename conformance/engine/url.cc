#include "conformance/engine/url.h"

namespace ock::conformance::engine {

bool is_https(std::string_view url) { return url.rfind("https://", 0) == 0; }

std::string origin_of(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  auto path = url.find_first_of("/?#", scheme_end + 3);
  return std::string(url.substr(0, path));
}

std::string host_port(std::string_view url) {
  std::string origin = origin_of(url);
  auto hp = origin.substr(origin.find("://") + 3);
  if (hp.find(':') == std::string::npos || hp.back() == ']') {
    hp += is_https(url) ? ":443" : ":80";
  }
  return hp;
}

std::string append_query(std::string_view url, std::string_view query) {
  std::string out(url);
  out += (out.find('?') == std::string::npos) ? '?' : '&';
  out += query;
  return out;
}

}  // namespace ock::conformance::engine
