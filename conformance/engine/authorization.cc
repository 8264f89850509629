#include "conformance/engine/authorization.h"

#include <map>
#include <utility>

#include "conformance/engine/command.h"
#include "conformance/engine/form.h"
#include "conformance/engine/html_form.h"
#include "conformance/engine/pkce.h"
#include "conformance/engine/url.h"

namespace ock::conformance::engine {
namespace {

constexpr int kMaxSteps = 12;

// The cookies one flow collected (name -> value), sent back to the target's origin.
class CookieJar {
 public:
  void absorb(const HttpResponse& r, Probe& p) {
    for (const auto& line : r.header_all("Set-Cookie")) {
      auto semi = line.find(';');
      std::string pair = line.substr(0, semi);
      auto eq = pair.find('=');
      if (eq == std::string::npos || eq == 0) continue;
      std::string name = pair.substr(0, eq), value = pair.substr(eq + 1);
      bool expired = value.empty() || line.find("Max-Age=0") != std::string::npos;
      if (expired) {
        cookies_.erase(name);
      } else {
        cookies_[name] = value;
        if (value.size() >= 8) p.add_redacted(value);  // session ids are credentials
      }
    }
  }
  void attach(HttpRequest& r) const {
    std::string header;
    for (const auto& [name, value] : cookies_)
      header += (header.empty() ? "" : "; ") + name + "=" + value;
    if (!header.empty()) r.headers.push_back({"Cookie", header});
  }

 private:
  std::map<std::string, std::string> cookies_;
};

// Walks the target's pages as a user would, per the form recipe.
class FormLogin {
 public:
  FormLogin(Probe& p, const UserCreds* user, std::string redirect_base, bool deny)
      : p_(p), user_(user), redirect_base_(std::move(redirect_base)), deny_(deny) {}

  void run(const std::string& url, AuthorizationOutcome& out);
  bool consented() const { return consented_; }

 private:
  HttpExchange get(const std::string& url, std::string label);
  std::optional<HttpRequest> submission(const HttpExchange& page, std::string& label);
  HttpRequest submit(const HtmlForm& form, Form fields, const std::string& page_url);
  bool leaves_target(const std::string& location) const;

  Probe& p_;
  const UserCreds* user_;
  std::string redirect_base_;
  std::string origin_;
  CookieJar jar_;
  bool deny_ = false;
  bool logged_in_ = false;
  bool consented_ = false;
};

HttpExchange FormLogin::get(const std::string& url, std::string label) {
  HttpRequest r;
  r.url = url;
  r.headers.push_back({"Accept", "text/html,application/xhtml+xml"});
  jar_.attach(r);
  return p_.send(r, std::move(label));
}

bool FormLogin::leaves_target(const std::string& location) const {
  // Without a known redirect URI (the client registered exactly one and the request left it
  // out), only a Location off the server's origin is the way back to the client.
  bool to_client = !redirect_base_.empty() && location.rfind(redirect_base_, 0) == 0;
  return to_client || origin_of(location) != origin_;
}

HttpRequest FormLogin::submit(const HtmlForm& form, Form fields, const std::string& page_url) {
  HttpRequest r;
  std::string action = resolve_reference(page_url, form.action);
  if (form.method == "post") {
    r.method = "POST";
    r.url = action;
    r.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
    r.body = fields.encode();
  } else {
    r.url = append_query(without_query(action), fields.encode());
  }
  r.headers.push_back({"Referer", page_url});
  jar_.attach(r);
  return r;
}

// The next request a user would send from this page: the login form filled in, or the consent
// given; nullopt when the page has neither.
std::optional<HttpRequest> FormLogin::submission(const HttpExchange& page, std::string& label) {
  const auto& recipe = p_.profile().login;
  for (const auto& form : parse_forms(page.response.body)) {
    Form fields;
    for (const auto& f : form.fields) {
      bool button = f.type == "submit" || f.type == "button" || f.tag == "button";
      if (!f.name.empty() && !button && f.type != "checkbox" && f.type != "radio") {
        fields.add(f.name, f.value);
      }
    }
    if (form.field(recipe.username_field) && form.field(recipe.password_field) && !logged_in_) {
      if (!user_) p_.skip("the target shows a login form but the profile has no users.primary");
      fields.set(recipe.username_field, user_->username);
      fields.set(recipe.password_field, user_->password);
      logged_in_ = true;
      label = "login form: " + user_->username + " logs in";
      return submit(form, std::move(fields), page.request.url);
    }
    const HtmlField* consent =
        recipe.consent_field.empty() ? nullptr : form.field(recipe.consent_field);
    if (consent && !consented_) {
      if (!deny_) {
        fields.set(recipe.consent_field,
                   recipe.consent_value.empty() ? consent->value : recipe.consent_value);
      } else if (!recipe.deny_value.empty()) {
        fields.set(recipe.consent_field, recipe.deny_value);
      }
      consented_ = true;
      label = deny_ ? "consent form: refused" : "consent form: given";
      return submit(form, std::move(fields), page.request.url);
    }
  }
  return std::nullopt;
}

void FormLogin::run(const std::string& url, AuthorizationOutcome& out) {
  origin_ = origin_of(url);
  HttpExchange x = get(url, "authorization request");
  for (int step = 0; step < kMaxSteps; ++step) {
    jar_.absorb(x.response, p_);
    out.last = x;
    int s = x.response.status;
    auto location = x.response.header("Location");
    if (s >= 300 && s < 400 && location) {
      std::string where = resolve_reference(x.request.url, *location);
      if (leaves_target(where)) {
        out.redirected = true;
        out.location = where;
        return;
      }
      x = get(where, "follow the target's redirect");
      continue;
    }
    std::string label;
    if (s == 200) out.pages.push_back(x);
    auto next = s == 200 ? submission(x, label) : std::nullopt;
    if (!next) {
      out.stopped = s == 200 ? "a page (200) with no login or consent form the recipe knows"
                             : "status " + std::to_string(s) + " and no redirect to the client";
      return;
    }
    x = p_.send(*next, label);
  }
  out.stopped = "no redirect to the client after " + std::to_string(kMaxSteps) + " steps";
}

void run_login_command(Probe& p, const std::string& url, AuthorizationOutcome& out) {
  std::string command = p.profile().login.command;
  for (auto pos = command.find("{url}"); pos != std::string::npos; pos = command.find("{url}")) {
    command.replace(pos, 5, shell_quote(url));
  }
  auto printed = capture_command_output(command, "the login command");
  if (!printed) p.error(printed.error());
  std::string last;
  std::string text = *printed;
  for (std::size_t start = 0; start < text.size();) {
    auto end = text.find('\n', start);
    std::string line =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) last = line;
    start = end == std::string::npos ? text.size() : end + 1;
  }
  if (last.empty()) p.error("the login command printed no redirect URL");
  out.redirected = true;
  out.location = last;
}

}  // namespace

std::optional<std::string> AuthorizationOutcome::param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::string authorization_url(Probe& p, const AuthorizationAsk& ask, const std::string& state,
                              const std::string& challenge) {
  if (p.profile().authorization_url.empty()) p.skip(*p.profile().missing(Need::kCodeGrant));
  const auto& client = p.client(ask.client_role);
  Form q{{"response_type", ask.response_type}, {"client_id", ask.client_id.value_or(client.id)}};
  std::string redirect = ask.redirect_uri.value_or(client.redirect_uri);
  if (!redirect.empty()) q.add("redirect_uri", redirect);
  std::string scope = ask.scope.value_or(p.profile().scope_request);
  if (!scope.empty()) q.add("scope", scope);
  if (!state.empty()) q.add("state", state);
  if (!ask.code_challenge_method.empty()) {
    q.add("code_challenge", challenge);
    if (ask.send_method) q.add("code_challenge_method", ask.code_challenge_method);
  }
  for (const auto& [k, v] : ask.extra) q.add(k, v);
  return append_query(p.profile().authorization_url, q.encode());
}

AuthorizationOutcome authorize(Probe& p, const AuthorizationAsk& ask) {
  AuthorizationOutcome out;
  const auto& client = p.client(ask.client_role);
  out.redirect_uri = ask.redirect_uri.value_or(client.redirect_uri);
  out.state = ask.state.value_or(p.random_token(24));
  std::string challenge;
  if (!ask.code_challenge_method.empty()) {
    out.verifier = make_code_verifier();
    p.add_redacted(out.verifier);
    challenge = ask.code_challenge_method == "plain" ? out.verifier : s256_challenge(out.verifier);
  }
  out.url = authorization_url(p, ask, out.state, challenge);
  if (!p.profile().login.command.empty()) {
    run_login_command(p, out.url, out);
  } else {
    std::string base =
        without_query(out.redirect_uri.empty() ? client.redirect_uri : out.redirect_uri);
    FormLogin login(p, p.profile().user(ask.user_role), base, ask.deny);
    login.run(out.url, out);
    out.consent_shown = login.consented();
  }
  if (out.redirected) {
    out.params = url_params(out.location);
    if (auto code = out.param("code")) p.add_redacted(*code);
  }
  return out;
}

HttpRequest code_token_request(Probe& p, std::string_view code, std::string_view client_role,
                               std::optional<std::string> redirect_uri,
                               std::optional<std::string> verifier) {
  Form f{{"grant_type", "authorization_code"}, {"code", std::string(code)}};
  if (redirect_uri) f.add("redirect_uri", *redirect_uri);
  if (verifier) f.add("code_verifier", *verifier);
  return p.token_request(f, p.client(client_role));
}

}  // namespace ock::conformance::engine
