#include "conformance/engine/url.h"

#include "conformance/engine/form.h"

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

std::string without_query(std::string_view url) {
  return std::string(url.substr(0, url.find_first_of("?#")));
}

std::string resolve_reference(std::string_view base, std::string_view ref) {
  if (ref.find("://") != std::string_view::npos && ref.find("://") < ref.find_first_of("/?#")) {
    return std::string(ref);
  }
  if (ref.rfind("//", 0) == 0)
    return std::string(base.substr(0, base.find("://") + 1)) + std::string(ref);
  if (!ref.empty() && ref.front() == '/') return origin_of(base) + std::string(ref);
  std::string page = without_query(base);
  if (ref.empty()) return std::string(base.substr(0, base.find('#')));
  if (ref.front() == '?') return page + std::string(ref);
  if (ref.front() == '#') return std::string(base.substr(0, base.find('#'))) + std::string(ref);
  auto slash = page.rfind('/');
  auto origin_end = origin_of(base).size();
  std::string dir = slash != std::string::npos && slash >= origin_end ? page.substr(0, slash + 1)
                                                                      : origin_of(base) + "/";
  return dir + std::string(ref);
}

std::vector<std::pair<std::string, std::string>> url_params(std::string_view url) {
  std::vector<std::pair<std::string, std::string>> out;
  auto start = url.find_first_of("?#");
  if (start == std::string_view::npos) return out;
  std::string_view rest = url.substr(start + 1);
  while (!rest.empty()) {
    auto end = rest.find_first_of("&#");
    std::string_view part = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (part.empty()) continue;
    auto eq = part.find('=');
    std::string_view name = part.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1);
    out.emplace_back(form_decode(name).value_or(std::string(name)),
                     form_decode(value).value_or(std::string(value)));
  }
  return out;
}

}  // namespace ock::conformance::engine
