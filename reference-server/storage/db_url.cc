#include "reference-server/storage/db_url.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace ock::server::storage {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr std::string_view kPostgresPrefixes[] = {"postgresql://", "postgres://"};

using KeywordPairs = std::vector<std::pair<std::string, std::string>>;

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() &&
        std::isxdigit(static_cast<unsigned char>(s[i + 1])) != 0 &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2])) != 0) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A libpq keyword value, quoted only when it has to be.
std::string pq_value(const std::string& v) {
  bool plain = !v.empty() && std::none_of(v.begin(), v.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '\'' || c == '\\';
  });
  if (plain) return v;
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// `host=... password=secret` -> `host=... password=***` (good enough for an error message).
std::string mask_keyword_password(const std::string& dsn) {
  std::string out = dsn;
  auto pos = out.find("password");
  while (pos != std::string::npos) {
    auto eq = out.find_first_not_of(' ', pos + 8);
    if (eq != std::string::npos && out[eq] == '=') {
      auto start = out.find_first_not_of(' ', eq + 1);
      if (start == std::string::npos) break;
      auto end = start;
      if (out[start] == '\'') {
        end = start + 1;
        while (end < out.size() && out[end] != '\'') end += (out[end] == '\\') ? 2 : 1;
        end = std::min(end + 1, out.size());
      } else {
        end = out.find(' ', start);
        if (end == std::string::npos) end = out.size();
      }
      out.replace(start, end - start, "***");
    }
    pos = out.find("password", pos + 8);
  }
  return out;
}

// True when `rest` starts like a libpq keyword string ("host=..."), not like a URL authority.
bool looks_like_keywords(std::string_view rest) {
  std::size_t i = 0;
  while (i < rest.size() &&
         (std::isalnum(static_cast<unsigned char>(rest[i])) != 0 || rest[i] == '_'))
    ++i;
  while (i < rest.size() && rest[i] == ' ') ++i;
  return i > 0 && i < rest.size() && rest[i] == '=';
}

[[noreturn]] void bad_url(const std::string& url, const std::string& why) {
  throw std::runtime_error("invalid database URL \"" + redact_db_url(url) + "\": " + why);
}

// The pieces of postgresql://[user[:password]@]host[:port][/dbname][?key=value&...], still
// percent-encoded.
struct PostgresUrl {
  std::string_view userinfo, host, port, dbname, query;
};

PostgresUrl split_postgres_url(const std::string& url, std::string_view rest) {
  PostgresUrl u;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    u.query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    u.userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
  }
  std::string_view hostport = rest;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    hostport = rest.substr(0, slash);
    u.dbname = rest.substr(slash + 1);
  }
  u.host = hostport;
  auto bracket = hostport.rfind(']');
  auto colon = hostport.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    u.host = hostport.substr(0, colon);
    u.port = hostport.substr(colon + 1);
    if (u.port.empty() || !std::all_of(u.port.begin(), u.port.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) != 0;
        })) {
      bad_url(url, "the port is not a number");
    }
  }
  if (u.host.size() >= 2 && u.host.front() == '[' && u.host.back() == ']')
    u.host = u.host.substr(1, u.host.size() - 2);
  return u;
}

// The libpq keywords a URL stands for, in the order libpq documents them.
KeywordPairs postgres_keywords(const std::string& url, const PostgresUrl& u) {
  KeywordPairs kv;
  if (!u.host.empty()) kv.emplace_back("host", percent_decode(u.host));
  if (!u.port.empty()) kv.emplace_back("port", std::string(u.port));
  if (!u.dbname.empty()) kv.emplace_back("dbname", percent_decode(u.dbname));
  if (!u.userinfo.empty()) {
    auto c = u.userinfo.find(':');
    kv.emplace_back("user", percent_decode(u.userinfo.substr(0, c)));
    if (c != std::string_view::npos) {
      kv.emplace_back("password", percent_decode(u.userinfo.substr(c + 1)));
    }
  }
  std::string_view query = u.query;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) bad_url(url, "a query parameter is not key=value");
    kv.emplace_back(percent_decode(pair.substr(0, eq)), percent_decode(pair.substr(eq + 1)));
  }
  return kv;
}

DbTarget parse_postgres(const std::string& url, std::string_view rest) {
  DbTarget t;
  t.backend = Backend::kPostgresql;
  t.display = redact_db_url(url);
  if (rest.empty()) bad_url(url, "it names no server or database");
  if (looks_like_keywords(rest)) {
    t.connect = std::string(rest);
    return t;
  }
  KeywordPairs kv = postgres_keywords(url, split_postgres_url(url, rest));
  if (kv.empty()) bad_url(url, "it names no server or database");
  for (const auto& [k, v] : kv) {
    if (!t.connect.empty()) t.connect += ' ';
    t.connect += k + "=" + pq_value(v);
  }
  return t;
}

DbTarget parse_sqlite(const std::string& url) {
  std::string path = url.substr(kSqlitePrefix.size());
  if (path.empty()) bad_url(url, "it names no file (use sqlite:PATH or sqlite::memory:)");
  DbTarget t;
  t.backend = Backend::kSqlite;
  t.display = url;
  if (path == ":memory:") {
    // One private shared-cache database per store, so every pooled session sees the same data.
    static std::atomic<unsigned> counter{0};
    t.memory = true;
    path = "file:ock-memory-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) +
           "?mode=memory&cache=shared";
  }
  if (path.find('"') != std::string::npos) bad_url(url, "the path contains a double quote");
  bool quote = path.find(' ') != std::string::npos;
  t.connect = "db=" + (quote ? "\"" + path + "\"" : path) + " timeout=5";
  return t;
}

}  // namespace

std::string redact_db_url(const std::string& url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const std::string prefix = url.substr(0, scheme_end + 3);
  std::string rest = url.substr(scheme_end + 3);
  if (looks_like_keywords(rest)) return prefix + mask_keyword_password(rest);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q);
    rest.erase(q);
    for (auto pos = query.find("password="); pos != std::string::npos;
         pos = query.find("password=", pos + 1)) {
      auto start = pos + 9;
      query.replace(start, query.find('&', start) - start, "***");
    }
  }
  auto at = rest.rfind('@');
  auto colon = rest.find(':');
  if (at != std::string::npos && colon != std::string::npos && colon < at) {
    rest.replace(colon + 1, at - colon - 1, "***");
  }
  return prefix + rest + query;
}

DbTarget parse_db_url(const std::string& url, bool postgresql_available) {
  if (std::string_view(url).starts_with(kSqlitePrefix)) return parse_sqlite(url);
  for (std::string_view prefix : kPostgresPrefixes) {
    if (!std::string_view(url).starts_with(prefix)) continue;
    if (!postgresql_available) bad_url(url, "this build has no PostgreSQL support");
    return parse_postgres(url, std::string_view(url).substr(prefix.size()));
  }
  bad_url(url, "expected sqlite:PATH, sqlite::memory: or postgresql://...");
}

}  // namespace ock::server::storage
