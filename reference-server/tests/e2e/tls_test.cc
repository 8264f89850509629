// HTTPS with a self-signed certificate made at test time: curl trusts it with --cacert and
// refuses it without; a plain-HTTP request on the TLS port gets no OAuth answer, and the
// server keeps serving TLS afterwards.
#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "reference-server/tests/e2e/e2e_support.h"
#include "tests/support/test_certificate.h"

namespace ock::server::e2e {
namespace {

// Opens a TLS connection, sends `request` and resets the connection (SO_LINGER 0, no
// close_notify) without reading the answer. False if the handshake failed.
bool send_and_hang_up(std::uint16_t port, const std::string& ca_file, const std::string& request) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (!ctx) return false;
  SSL_CTX_load_verify_locations(ctx, ca_file.c_str(), nullptr);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  const int fd = test_support::connect_loopback(port);
  bool ok = fd >= 0;
  SSL* ssl = ok ? SSL_new(ctx) : nullptr;
  if (ssl) {
    SSL_set_fd(ssl, fd);
    ok = SSL_connect(ssl) == 1 &&
         SSL_write(ssl, request.data(), static_cast<int>(request.size())) > 0;
    SSL_free(ssl);
  }
  if (fd >= 0) {
    linger reset{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    ::close(fd);
  }
  SSL_CTX_free(ctx);
  return ok;
}

class TlsTest : public ServerTest {
 protected:
  void SetUp() override {
    cert_ = dir_.file("cert.pem");
    key_ = dir_.file("key.pem");
    ASSERT_EQ(test_support::make_self_signed_certificate(cert_, key_), "");
    RefServerOptions o;
    o.extra_args = {"--tls-cert", cert_, "--tls-key", key_};
    ASSERT_TRUE(start_server(o));
    ASSERT_EQ(server_.base_url().rfind("https://", 0), 0u);
  }

  HttpResponse tls_token_request() {
    HttpRequest req;
    req.method = "POST";
    req.url = server_.url("/oauth/token/");
    req.ca_file = cert_;
    req.headers = {basic_auth_header(kClientId, kClientSecret),
                   "Content-Type: application/x-www-form-urlencoded"};
    req.body =
        form_body({{"grant_type", "password"}, {"username", kAlice}, {"password", kAlicePassword}});
    return send(req);
  }

  std::string cert_;
  std::string key_;
};

TEST_F(TlsTest, ServerAnnouncesHttps) {
  EXPECT_NE(server_.stdout_text().find("listening on https://127.0.0.1:" +
                                       std::to_string(server_.port())),
            std::string::npos)
      << server_.stdout_text();
}

TEST_F(TlsTest, CurlWithCaCertSucceeds) {
  auto health = run_command({"curl", "--silent", "--show-error", "--max-time", "20", "--cacert",
                             cert_, "-w", "\n%{http_code}", server_.url("/healthz")});
  ASSERT_TRUE(health.status.exited && health.status.code == 0)
      << health.status.describe() << health.err;
  EXPECT_NE(health.out.find("\n200"), std::string::npos) << health.out;

  auto token =
      run_command({"curl", "--silent", "--show-error", "--max-time", "20", "--cacert", cert_, "-u",
                   "demo-client:demo-secret-1", "-d", "grant_type=password", "-d", "username=alice",
                   "-d", "password=alice-password-1", server_.url("/oauth/token/")});
  ASSERT_TRUE(token.status.exited && token.status.code == 0)
      << token.status.describe() << token.err;
  auto body = nlohmann::json::parse(token.out, nullptr, false);
  ASSERT_TRUE(body.is_object() && body.contains("access_token")) << token.out;

  // The token works over TLS at the resource API, through libcurl this time.
  HttpRequest users;
  users.url = server_.url("/api/users/");
  users.ca_file = cert_;
  users.headers = {"Authorization: Bearer " + body["access_token"].get<std::string>()};
  auto listed = send(users);
  EXPECT_EQ(listed.status, 200) << listed.describe();
  EXPECT_TRUE(is_token_success(tls_token_request()));
}

TEST_F(TlsTest, CurlWithoutCaCertFailsVerification) {
  auto r = run_command(
      {"curl", "--silent", "--show-error", "--max-time", "20", server_.url("/healthz")});
  ASSERT_TRUE(r.status.exited) << r.status.describe();
  EXPECT_EQ(r.status.code, 60) << "curl should refuse the self-signed certificate: " << r.err
                               << r.out;
  EXPECT_TRUE(r.out.empty()) << r.out;
  // The failed handshake does not hurt the server.
  EXPECT_TRUE(is_token_success(tls_token_request()));
}

TEST_F(TlsTest, ClientsHangingUpDoNotKillTheServer) {
  // TLS writes to a reset connection raise SIGPIPE unless the server ignores it.
  const std::string request =
      "GET /api/users/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
      std::string(40, 'x') + "\r\n\r\n";
  int handshakes = 0;
  for (int i = 0; i < 30; ++i)
    handshakes += send_and_hang_up(server_.port(), cert_, request) ? 1 : 0;
  EXPECT_EQ(handshakes, 30);
  EXPECT_TRUE(server_.alive()) << server_.stderr_text();
  EXPECT_TRUE(is_token_success(tls_token_request()));
}

TEST_F(TlsTest, PlainHttpOnTlsPortGetsNoOAuthAnswer) {
  HttpRequest plain;
  plain.method = "POST";
  plain.url = "http://127.0.0.1:" + std::to_string(server_.port()) + "/oauth/token/";
  plain.headers = {basic_auth_header(kClientId, kClientSecret),
                   "Content-Type: application/x-www-form-urlencoded"};
  plain.body =
      form_body({{"grant_type", "password"}, {"username", kAlice}, {"password", kAlicePassword}});
  plain.timeout = std::chrono::seconds(3);
  auto r = send(plain);
  auto j = json_of(r);
  const bool oauth_json = j.is_object() && (j.contains("access_token") || j.contains("error"));
  EXPECT_FALSE(r.ok() && (r.status == 200 || r.status == 400 || oauth_json)) << r.describe();
  EXPECT_FALSE(oauth_json) << r.describe();

  // The same bytes on a raw socket: whatever comes back is not an HTTP response with a token.
  auto raw = raw_exchange(server_.port(),
                          "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                          std::chrono::seconds(3));
  EXPECT_TRUE(raw.connected);
  EXPECT_NE(raw.first_status(), 200) << raw.received;

  // TLS clients are still served, without waiting out a stalled handshake.
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(server_.alive());
  EXPECT_TRUE(is_token_success(tls_token_request()));
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_LT(took, std::chrono::seconds(8)) << "TLS was stalled after a plain-HTTP request";
}

// Under TLS both cookies of the login are Secure (and still HttpOnly, SameSite=Lax, on /oauth/),
// and the iss of the redirect is the https issuer.
TEST_F(TlsTest, CodeFlowCookiesAreSecure) {
  Browser browser(server_, cert_);
  auto login = browser.get(authorize_query("code-client", "https://client.example/cb", "tls"));
  ASSERT_EQ(login.status, 200) << login.describe();
  auto consent = browser.submit_login(login, kAlice, kAlicePassword);
  ASSERT_EQ(consent.status, 200) << consent.describe();
  for (const char* name : {"ock_login", "ock_session"}) {
    auto line = browser.jar().set_cookie_line(name);
    ASSERT_TRUE(line.has_value()) << name;
    auto attrs = test_support::cookie_attributes(*line);
    for (const char* want : {"Secure", "HttpOnly", "SameSite=Lax", "Path=/oauth/"}) {
      EXPECT_NE(std::find(attrs.begin(), attrs.end(), want), attrs.end()) << name << ": " << *line;
    }
  }
  auto redirect = browser.submit_consent(consent, "allow");
  ASSERT_EQ(redirect.status, 303) << redirect.describe();
  auto params = location_params(redirect);
  EXPECT_EQ(params["iss"], server_.base_url());
  EXPECT_EQ(params["iss"].rfind("https://", 0), 0u);
  auto token = exchange_code(server_, "code-client", std::string("code-secret-1"), params["code"],
                             kVerifier, "https://client.example/cb", cert_);
  EXPECT_TRUE(is_token_success(token));
}

}  // namespace
}  // namespace ock::server::e2e
