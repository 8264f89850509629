#include "client/mask.h"

#include <algorithm>
#include <cctype>

namespace ock::client {

namespace {

constexpr std::string_view kEllipsis = "…";

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string mask_secret(std::string_view secret) {
  if (secret.empty()) return {};
  const std::size_t keep = std::min<std::size_t>(4, secret.size() / 4);
  return std::string(secret.substr(0, keep)) + std::string(kEllipsis);
}

bool is_secret_header(std::string_view name) {
  return iequals(name, "authorization") || iequals(name, "proxy-authorization") ||
         iequals(name, "cookie") || iequals(name, "set-cookie");
}

std::string mask_authorization(std::string_view value) {
  const auto space = value.find(' ');
  if (space == std::string_view::npos) return mask_secret(value);
  std::string_view credentials = value.substr(space + 1);
  while (!credentials.empty() && credentials.front() == ' ') credentials.remove_prefix(1);
  return std::string(value.substr(0, space)) + " " + mask_secret(credentials);
}

std::string mask_header(std::string_view name, std::string_view value) {
  const bool set_cookie = iequals(name, "Set-Cookie");
  if (!set_cookie && !iequals(name, "Cookie")) {
    return is_secret_header(name) ? mask_authorization(value) : std::string(value);
  }
  std::string out;
  std::size_t start = 0;
  for (int index = 0; start <= value.size(); ++index) {
    auto end = value.find(';', start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view part = value.substr(start, end - start);
    if (!out.empty()) out += ";";
    auto eq = part.find('=');
    if ((index == 0 || !set_cookie) && eq != std::string_view::npos) {
      out += std::string(part.substr(0, eq + 1)) + mask_secret(part.substr(eq + 1));
    } else {
      out += part;
    }
    start = end + 1;
  }
  return out;
}

bool is_secret_field(std::string_view name) {
  static constexpr std::string_view kNames[] = {"password", "client_secret", "code", "assertion",
                                                "code_verifier"};
  // Every "...token": access, refresh and id tokens, and the CSRF tokens of login forms.
  constexpr std::string_view kToken = "token";
  if (name.size() >= kToken.size() && iequals(name.substr(name.size() - kToken.size()), kToken)) {
    return true;
  }
  return std::any_of(std::begin(kNames), std::end(kNames),
                     [&](std::string_view n) { return iequals(n, name); });
}

std::string mask_form_body(std::string_view body) {
  std::string out;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view pair = body.substr(start, end - start);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && is_secret_field(pair.substr(0, eq))) {
      out += pair.substr(0, eq + 1);
      out += mask_secret(pair.substr(eq + 1));
    } else {
      out += pair;
    }
    if (end == body.size()) break;
    out += '&';
    start = end + 1;
  }
  return out;
}

nlohmann::json mask_json(const nlohmann::json& value) {
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, item] : value.items()) {
      if (item.is_string() && is_secret_field(key)) {
        out[key] = mask_secret(item.get<std::string>());
      } else {
        out[key] = mask_json(item);
      }
    }
    return out;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(mask_json(item));
    return out;
  }
  return value;
}

void Redactor::add(std::string_view secret) {
  if (secret.size() < 4) return;
  if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
  secrets_.emplace_back(secret);
  // Longest first, so a secret that contains another one is replaced whole.
  std::sort(secrets_.begin(), secrets_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string Redactor::redact(std::string_view text) const {
  // One pass, longest secret first at each position, so a mask is never masked again.
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    for (const auto& secret : secrets_) {
      if (text.compare(i, secret.size(), secret) == 0) {
        out += mask_secret(secret);
        i += secret.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace ock::client
