#include "reference-server/core/authorization_pages.h"

#include "reference-server/core/form.h"
#include "reference-server/core/html.h"
#include "reference-server/core/oauth_reply.h"
#include "reference-server/core/redirect_uri.h"

namespace ock::server {
namespace {

std::string hidden_csrf(const std::string& csrf_token) {
  return "<input type=\"hidden\" name=\"csrf_token\" value=\"" + html_escape(csrf_token) + "\">\n";
}

std::string form_start(const std::string& action) {
  return "<form method=\"post\" action=\"" + html_escape(action) + "\">\n";
}

// `status` to `redirect_uri` with `params` added to its query; the answer carries a code or
// an error, so no cache may keep it.
ApiReply redirect_with(int status, const std::string& redirect_uri, FormParams params,
                       const std::optional<std::string>& state, const std::string& issuer) {
  if (state) params.emplace_back("state", *state);
  params.emplace_back("iss", issuer);
  ApiReply r;
  r.status = status;
  r.content_type.clear();
  r.add_header("Location", append_query(redirect_uri, form_body(params)));
  r.add_header("Cache-Control", "no-store");
  r.add_header("Pragma", "no-cache");
  return r;
}

}  // namespace

std::string form_action(const std::string& raw_query) {
  return raw_query.empty() ? "/oauth/authorize/" : "/oauth/authorize/?" + raw_query;
}

ApiReply login_page(const std::string& action, const std::string& csrf_token,
                    const std::string& client_name, const std::string& username,
                    const std::string& message) {
  std::string body =
      "<p>Sign in to continue to <strong>" + html_escape(client_name) + "</strong>.</p>\n";
  if (!message.empty()) body += "<p role=\"alert\">" + html_escape(message) + "</p>\n";
  body += form_start(action) + hidden_csrf(csrf_token) +
          "<p><label for=\"username\">Username</label>\n"
          "<input type=\"text\" id=\"username\" name=\"username\" value=\"" +
          html_escape(username) +
          "\" autocomplete=\"username\" required></p>\n"
          "<p><label for=\"password\">Password</label>\n"
          "<input type=\"password\" id=\"password\" name=\"password\" "
          "autocomplete=\"current-password\" required></p>\n"
          "<p><button type=\"submit\">Sign in</button></p>\n"
          "</form>\n";
  return html_page(200, "Sign in", body);
}

ApiReply consent_page(const std::string& action, const std::string& csrf_token,
                      const std::string& client_name, const std::vector<Scope>& scopes) {
  std::string body = "<p><strong>" + html_escape(client_name) +
                     "</strong> asks for access to your account:</p>\n<ul>\n";
  for (const auto& s : scopes) {
    body += "<li><strong>" + html_escape(s.name) + "</strong>: " + html_escape(s.description) +
            "</li>\n";
  }
  body += "</ul>\n" + form_start(action) + hidden_csrf(csrf_token) +
          "<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n"
          "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n"
          "</form>\n";
  return html_page(200, "Allow access?", body);
}

ApiReply error_page(int status, const std::string& message) {
  return html_page(status, "Authorization request refused",
                   "<p>" + html_escape(message) + "</p>\n");
}

int redirect_status(const std::string& method) { return method == "POST" ? 303 : 302; }

ApiReply code_redirect(int status, const std::string& redirect_uri, const std::string& code,
                       const std::optional<std::string>& state, const std::string& issuer) {
  return redirect_with(status, redirect_uri, {{"code", code}}, state, issuer);
}

ApiReply error_redirect(int status, const std::string& redirect_uri, const OAuthError& error,
                        const std::optional<std::string>& state, const std::string& issuer) {
  FormParams params{{"error", std::string(to_wire(error.code))}};
  if (!error.description.empty()) {
    params.emplace_back("error_description", safe_description(error.description));
  }
  return redirect_with(status, redirect_uri, std::move(params), state, issuer);
}

}  // namespace ock::server
