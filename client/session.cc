#include "client/session.h"

#include <cctype>
#include <chrono>
#include <ctime>

#include "client/exchange_format.h"
#include "client/form.h"
#include "client/secrets.h"

namespace ock::client {

namespace {

std::string utc_time(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace

ResponseFacts facts_of(const Exchange& x) {
  return {x.response.status, x.response.header("Content-Type"),
          x.response.header("WWW-Authenticate"), x.response.body};
}

ResponseFacts Session::redacted_facts(const Exchange& x) const {
  ResponseFacts f = facts_of(x);
  f.www_authenticate = redactor_.redact(f.www_authenticate);
  f.body = redactor_.redact(f.body);
  return f;
}

void print_token_summary(const CachedToken& t, std::ostream& out) {
  out << "  access_token   " << mask_secret(t.access_token) << "\n";
  out << "  token_type     " << (t.token_type.empty() ? "(none)" : t.token_type) << "\n";
  if (t.expires_at != 0) {
    out << "  expires_in     " << (t.expires_at - t.obtained_at) << " s (until "
        << utc_time(t.expires_at) << ")\n";
  } else {
    out << "  expires_in     (not sent)\n";
  }
  out << "  refresh_token  " << (t.refresh_token.empty() ? "(none)" : mask_secret(t.refresh_token))
      << "\n";
  out << "  scope          " << (t.scope.empty() ? "(not sent)" : t.scope) << "\n";
}

Session::Session(Options options, std::ostream& out, std::ostream& err, bool explain_to_out)
    : options_(std::move(options)),
      out_(out),
      err_(err),
      explain_to_out_(explain_to_out),
      http_(options_.tls) {}

std::int64_t Session::now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Exchange Session::send(Endpoint endpoint, const HttpRequest& request) {
  Exchange x = http_.send(request);
  if (x.completed) {
    // Tokens that came back are secrets from now on.
    auto body = nlohmann::json::parse(x.response.body, nullptr, false);
    if (body.is_object()) {
      for (const char* field : {"access_token", "refresh_token", "id_token"}) {
        auto it = body.find(field);
        if (it != body.end() && it->is_string()) redactor_.add(it->get<std::string>());
      }
    }
  }
  if (options_.explain) {
    std::ostream& s = explain_stream();
    s << format_exchange(x, redactor_) << "\n";
    if (x.completed) {
      for (const auto& line : explain(endpoint, redacted_facts(x))) s << line << "\n";
      s << "\n";
    }
  }
  return x;
}

Exchange Session::send_page(const HttpRequest& request) {
  Exchange x = http_.send(request);
  // A redirect that carries a code: the code is a secret from now on, before it is shown.
  const std::string location = x.response.header("Location");
  if (auto query = location.find('?'); query != std::string::npos) {
    for (const auto& [name, value] : decode_form(location.substr(query + 1))) {
      if (name == "code") redactor_.add(value);
    }
  }
  if (options_.explain) {
    Exchange shown = x;
    if (!shown.response.body.empty()) {
      shown.response.body = "(" + std::to_string(x.response.body.size()) + " bytes of " +
                            (x.response.header("Content-Type").empty()
                                 ? std::string("body")
                                 : x.response.header("Content-Type")) +
                            ", not shown)";
    }
    explain_stream() << format_exchange(shown, redactor_) << "\n\n";
  }
  return x;
}

std::optional<std::string> Session::client_secret() {
  if (client_secret_) return client_secret_;
  auto v = read_secret({"client secret", "OAUTH_CLIENT_SECRET", options_.client_secret_file,
                        "--client-secret-file", "Client secret for " + options_.client_id + ": "});
  if (!v.value) {
    fail(v.error, kExitUsage);
    return std::nullopt;
  }
  redactor_.add(*v.value);
  client_secret_ = v.value;
  return client_secret_;
}

std::optional<std::string> Session::password() {
  if (password_) return password_;
  auto v = read_secret({"password", "OAUTH_PASSWORD", options_.password_file, "--password-file",
                        "Password for " + options_.username + ": "});
  if (!v.value) {
    fail(v.error, kExitUsage);
    return std::nullopt;
  }
  redactor_.add(*v.value);
  password_ = v.value;
  return password_;
}

int Session::fail(const std::string& sentence, int code) {
  std::string text = sentence;
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  if (!text.empty() && text.back() != '.' && text.back() != '?') text += '.';
  err_ << "oauth-client: " << text << "\n";
  return code;
}

int Session::fail_exchange(Endpoint endpoint, const Exchange& x) {
  if (!x.completed) {
    std::string hint = "check that the server is running and that --server is right";
    const auto& e = x.transport_error;
    if (e.find("SSL") != std::string::npos || e.find("certificate") != std::string::npos) {
      hint = "pass --cacert PEM to trust the server's certificate, or --insecure to skip the check";
    }
    return fail("could not reach " + x.request.url + " (" + redactor_.redact(e) + "); " + hint,
                kExitUnreachable);
  }
  return fail(diagnose(endpoint, redacted_facts(x)).sentence(), kExitRefused);
}

std::optional<CachedToken> Session::load_token() {
  CacheLoad loaded = load_cache(options_.cache_file);
  if (!loaded.error.empty()) {
    fail(loaded.error, kExitUsage);
    return std::nullopt;
  }
  if (!loaded.token) {
    fail("no token is cached in " + options_.cache_file + "; run `oauth-client token` first",
         kExitUsage);
    return std::nullopt;
  }
  CachedToken& t = *loaded.token;
  redactor_.add(t.access_token);
  redactor_.add(t.refresh_token);
  if (options_.server_given && options_.server.base_url != t.server) {
    fail("the cached token comes from " + t.server + ", not " + options_.server.base_url +
             "; run `oauth-client token --server " + options_.server.base_url + "` first",
         kExitUsage);
    return std::nullopt;
  }
  options_.server.base_url = t.server;
  if (!options_.client_id.empty() && options_.client_id != t.client_id) {
    fail("the cached token belongs to client " + t.client_id + ", not " + options_.client_id,
         kExitUsage);
    return std::nullopt;
  }
  options_.client_id = t.client_id;
  if (options_.username.empty()) options_.username = t.username;
  return t;
}

bool Session::store_token(const CachedToken& token) {
  redactor_.add(token.access_token);
  redactor_.add(token.refresh_token);
  if (auto error = save_cache(options_.cache_file, token); !error.empty()) {
    fail(error, kExitUsage);
    return false;
  }
  return true;
}

int Session::refresh(CachedToken& token) {
  if (token.refresh_token.empty()) {
    return fail(
        "the cached token has no refresh token (the server issued none); run "
        "`oauth-client token` again",
        kExitRefused);
  }
  auto secret = client_secret();
  if (!secret) return kExitUsage;
  Exchange x = send(Endpoint::kRefresh, refresh_request(options_.server, {token.client_id, *secret},
                                                        token.refresh_token));
  const Diagnosis d = x.completed ? diagnose(Endpoint::kRefresh, facts_of(x)) : Diagnosis{};
  if (!x.completed || !d.ok) return fail_exchange(Endpoint::kRefresh, x);
  auto body = nlohmann::json::parse(x.response.body);
  token = token_from_response(body, token.server, token.client_id, token.username, token.scope,
                              now(), token.refresh_token);
  return store_token(token) ? kExitOk : kExitUsage;
}

}  // namespace ock::client
