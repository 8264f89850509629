#include "conformance/runner/redactor.h"

#include <openssl/sha.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "conformance/engine/secret_forms.h"

namespace ock::conformance::runner {
namespace {

// The first 3 bytes of `text` at `pos`, as one key.
std::uint32_t prefix_key(std::string_view text, std::size_t pos) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(text[pos])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(text[pos + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(text[pos + 2]));
}

// Valid UTF-8 passes; other bytes and control characters (but \t \r \n) become \xHH.
std::string sanitize(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  auto hex = [&](unsigned char c) {
    char buf[5];
    std::snprintf(buf, sizeof buf, "\\x%02X", c);
    out += buf;
  };
  while (i < in.size()) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\r' && c != '\n')
        hex(c);
      else if (c == 0x7F)
        hex(c);
      else
        out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= in.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(in[i + k]) >> 6) == 0x2;
    }
    if (ok && len == 2 && c < 0xC2) ok = false;  // overlong
    if (ok) {
      out.append(in.substr(i, len));
      i += len;
    } else {
      hex(c);
      ++i;
    }
  }
  return out;
}

// "Authorization: <scheme> <credentials>" -> credentials fingerprinted, line by line.
std::string redact_authorization(std::string text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto eol = text.find('\n', start);
    std::string line =
        text.substr(start, eol == std::string::npos ? std::string::npos : eol - start);
    std::string lower = line;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* name : {"authorization:", "proxy-authorization:"}) {
      if (lower.rfind(name, 0) == 0) {
        std::size_t p = std::string_view(name).size();
        while (p < line.size() && line[p] == ' ') ++p;
        auto sp = line.find(' ', p);
        if (sp != std::string::npos) {
          std::size_t cred_start = sp + 1;
          std::size_t cred_end = line.find_last_not_of("\r") + 1;
          if (cred_end > cred_start) {
            std::string cred = line.substr(cred_start, cred_end - cred_start);
            if (cred.find("\u2026#") == std::string::npos) {
              line.replace(cred_start, cred_end - cred_start, fingerprint(cred));
            }
          }
        }
        break;
      }
    }
    out += line;
    if (eol == std::string::npos) break;
    out += '\n';
    start = eol + 1;
  }
  return out;
}

}  // namespace

std::string fingerprint(std::string_view secret) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), digest);
  char hex[7];
  std::snprintf(hex, sizeof hex, "%02x%02x%02x", digest[0], digest[1], digest[2]);
  std::size_t keep = std::min<std::size_t>(4, secret.size() / 4);
  // Never cut a UTF-8 sequence in half.
  while (keep > 0 && (static_cast<unsigned char>(secret[keep]) >> 6) == 0x2) --keep;
  return std::string(secret.substr(0, keep)) + "\u2026#" + hex;
}

Redactor::Redactor(std::vector<std::string> secrets, std::size_t max_text) : max_text_(max_text) {
  std::set<std::string> seen;
  for (const auto& s : secrets) {
    if (s.size() < 3) continue;  // too short to redact without destroying the text
    std::string fp = fingerprint(s);
    for (const auto& form : *engine::shared_encoded_forms(s)) {
      if (form.size() >= 3 && seen.insert(form).second) replacements_.emplace_back(form, fp);
    }
  }
  std::sort(replacements_.begin(), replacements_.end(), [](const auto& a, const auto& b) {
    const auto ka = prefix_key(a.first, 0), kb = prefix_key(b.first, 0);
    return ka != kb ? ka < kb : a.first.size() > b.first.size();
  });
  for (std::size_t i = 0; i < replacements_.size();) {
    const auto key = prefix_key(replacements_[i].first, 0);
    std::size_t end = i;
    while (end < replacements_.size() && prefix_key(replacements_[end].first, 0) == key) ++end;
    by_prefix_.emplace(key, std::pair{i, end});
    i = end;
  }
}

std::string Redactor::replace_secrets(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 3 <= text.size() && !by_prefix_.empty()) {
      if (auto group = by_prefix_.find(prefix_key(text, i)); group != by_prefix_.end()) {
        const auto [begin, end] = group->second;
        std::size_t k = begin;
        while (k < end && text.substr(i, replacements_[k].first.size()) != replacements_[k].first) {
          ++k;
        }
        if (k < end) {
          out += replacements_[k].second;
          i += replacements_[k].first.size();
          continue;
        }
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

std::string Redactor::redact(std::string_view text) const {
  // Credentials first, whole: a secret's form inside a Basic credential would otherwise be
  // replaced on its own and leave the rest of the credential in the clear.
  return sanitize(replace_secrets(redact_authorization(std::string(text))));
}

std::string Redactor::redact_capped(std::string_view text, std::size_t not_kept) const {
  std::string out = redact(text);
  if (out.size() > max_text_ || not_kept > 0) {
    std::size_t cut = std::min(max_text_, out.size());
    while (cut > 0 && cut < out.size() && (static_cast<unsigned char>(out[cut]) >> 6) == 0x2) --cut;
    std::size_t dropped = out.size() - cut + not_kept;
    out.resize(cut);
    out += "\u2026[" + std::to_string(dropped) + " more bytes]";
  }
  return out;
}

void Redactor::redact(CaseResult& r) const {
  r.reason = redact_capped(r.reason);
  for (auto& n : r.notes) n = redact_capped(n);
  for (auto& a : r.assertions) {
    a.expected = redact_capped(a.expected);
    a.actual = redact_capped(a.actual);
  }
  if (r.skip_reason) r.skip_reason = redact_capped(*r.skip_reason);
  for (auto& x : r.exchanges) {
    x.label = redact_capped(x.label);
    x.request = redact_capped(x.request);
    x.response = redact_capped(x.response, x.response_bytes_not_kept);
  }
}

}  // namespace ock::conformance::runner
