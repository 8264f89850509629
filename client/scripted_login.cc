#include "client/scripted_login.h"

#include <cctype>
#include <map>
#include <string>

#include "client/form.h"
#include "client/html_forms.h"

namespace ock::client {

namespace {

constexpr int kMaxSteps = 12;

// "https://host:port" of an absolute URL, "" for anything else.
std::string origin_of(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  auto path = url.find_first_of("/?#", scheme + 3);
  return url.substr(0, path);
}

// A Location or a form action, made absolute against the page it came from.
std::string resolve(const std::string& base, const std::string& reference) {
  if (reference.find("://") != std::string::npos) return reference;
  if (reference.rfind("//", 0) == 0) return base.substr(0, base.find("://") + 1) + reference;
  if (reference.empty()) return base;
  if (reference[0] == '/') return origin_of(base) + reference;
  std::string without_query = base.substr(0, base.find_first_of("?#"));
  if (reference[0] == '?') return without_query + reference;
  return without_query.substr(0, without_query.rfind('/') + 1) + reference;
}

class CookieJar {
 public:
  void take(const HttpResponse& r) {
    for (const auto& [name, value] : r.headers) {
      std::string lower = name;
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower != "set-cookie") continue;
      std::string pair = value.substr(0, value.find(';'));
      auto eq = pair.find('=');
      if (eq == std::string::npos || eq == 0) continue;
      std::string cookie_value = pair.substr(eq + 1);
      if (cookie_value.empty() || value.find("Max-Age=0") != std::string::npos) {
        cookies_.erase(pair.substr(0, eq));
      } else {
        cookies_[pair.substr(0, eq)] = cookie_value;
      }
    }
  }
  void give(HttpRequest& r) const {
    std::string header;
    for (const auto& [name, value] : cookies_) {
      header += (header.empty() ? "" : "; ") + name + "=" + value;
    }
    if (!header.empty()) r.headers.push_back({"Cookie", header});
  }

 private:
  std::map<std::string, std::string> cookies_;
};

class Browser {
 public:
  Browser(Session& s, std::string redirect_base, const LoginRecipe& recipe)
      : s_(s), redirect_base_(std::move(redirect_base)), recipe_(recipe) {}

  ScriptedLogin run(const std::string& url);

 private:
  Exchange get(const std::string& url, bool with_cookies) {
    HttpRequest r;
    r.url = url;
    r.headers.push_back({"Accept", "text/html"});
    if (with_cookies) jar_.give(r);
    return s_.send_page(r);
  }
  // The next request a user would send from this page, or false when it shows no form the
  // recipe knows.
  bool next_submission(const Exchange& page, HttpRequest& next);

  Session& s_;
  std::string redirect_base_;
  const LoginRecipe& recipe_;
  std::string origin_;
  CookieJar jar_;
  bool logged_in_ = false;
  bool consented_ = false;
};

bool Browser::next_submission(const Exchange& page, HttpRequest& next) {
  for (const auto& form : read_forms(page.response.body)) {
    FormFields fields;
    for (const auto& f : form.fields) {
      bool button = f.type == "submit" || f.type == "button" || f.type == "image";
      if (!button && f.type != "checkbox" && f.type != "radio") fields.push_back({f.name, f.value});
    }
    auto set = [&](const std::string& name, const std::string& value) {
      for (auto& [n, v] : fields) {
        if (n == name) {
          v = value;
          return;
        }
      }
      fields.push_back({name, value});
    };
    bool login = form.has(recipe_.username_field) && form.has(recipe_.password_field);
    bool consent = !recipe_.consent_field.empty() && form.has(recipe_.consent_field);
    if (login && !logged_in_) {
      set(recipe_.username_field, recipe_.username);
      set(recipe_.password_field, recipe_.password);
      logged_in_ = true;
      s_.explain_stream() << "(The scripted user fills in the login form as "
                          << recipe_.username << " and submits it.)\n";
    } else if (consent && !consented_) {
      std::string value = recipe_.consent_value;
      if (value.empty()) {
        for (const auto& f : form.fields) {
          if (f.name == recipe_.consent_field) value = f.value;
        }
      }
      set(recipe_.consent_field, value);
      consented_ = true;
      s_.explain_stream() << "(The scripted user approves the request on the consent page.)\n";
    } else {
      continue;
    }
    std::string action = resolve(page.request.url, form.action);
    next = HttpRequest{};
    if (form.method == "post") {
      next.method = "POST";
      next.url = action;
      next.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
      next.body = encode_form(fields);
    } else {
      next.url = action.substr(0, action.find('?')) + "?" + encode_form(fields);
    }
    next.headers.push_back({"Referer", page.request.url});
    next.headers.push_back({"Origin", origin_});
    jar_.give(next);
    return true;
  }
  return false;
}

ScriptedLogin Browser::run(const std::string& url) {
  ScriptedLogin out;
  origin_ = origin_of(url);
  Exchange x = get(url, true);
  for (int step = 0; step < kMaxSteps; ++step) {
    if (!x.completed) {
      out.stopped = "no answer from " + x.request.url + " (" + x.transport_error + ")";
      return out;
    }
    jar_.take(x.response);
    const int status = x.response.status;
    const std::string location = x.response.header("Location");
    if (status >= 300 && status < 400 && !location.empty()) {
      std::string where = resolve(x.request.url, location);
      if (where.rfind(redirect_base_, 0) == 0) {
        out.location = where;
        s_.explain_stream() << "(The browser follows the redirect to the loopback listener.)\n";
        Exchange delivered = get(where, false);
        out.delivered = delivered.completed;
        if (!out.delivered) out.stopped = "the loopback listener did not answer";
        return out;
      }
      if (origin_of(where) != origin_) {
        out.stopped = "the server redirected to " + origin_of(where) +
                      ", neither itself nor the redirect URI";
        return out;
      }
      x = get(where, true);
      continue;
    }
    HttpRequest next;
    if (status != 200 || !next_submission(x, next)) {
      out.stopped = status == 200
                        ? "a page with no login or consent form the recipe knows (check "
                          "--username-field, --password-field and --consent-field)"
                        : "status " + std::to_string(status) + " and no redirect to the client";
      return out;
    }
    ++out.pages;
    x = s_.send_page(next);
  }
  out.stopped = "no redirect to the client after " + std::to_string(kMaxSteps) + " steps";
  return out;
}

}  // namespace

ScriptedLogin run_scripted_login(Session& session, const std::string& authorization_url,
                                 const std::string& redirect_base, const LoginRecipe& recipe) {
  return Browser(session, redirect_base, recipe).run(authorization_url);
}

}  // namespace ock::client
