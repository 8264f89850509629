// Malformed and hostile requests: each gets a 4xx (an OAuth error where the token endpoint
// answers), never a 5xx, and after each one the process is alive and still issues tokens.
// Where Pistache itself answers before the server's code runs, the test says so.
#include <gtest/gtest.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "reference-server/tests/e2e/e2e_support.h"

namespace ock::server::e2e {
namespace {

const std::string kValidBody = "grant_type=password&username=alice&password=alice-password-1";

class BadInputTest : public ServerTest {
 protected:
  void SetUp() override { ASSERT_TRUE(start_server(options())); }
  virtual RefServerOptions options() { return {}; }

  HttpResponse token_post(const std::string& body, std::vector<std::string> headers = {}) {
    headers.push_back(basic_auth_header(kClientId, kClientSecret));
    return post_form(server_.url("/oauth/token/"), body, headers);
  }

  // The raw request line plus the usual headers.
  std::string raw_request(const std::string& request_line, const std::string& extra = "") {
    return request_line + "\r\nHost: 127.0.0.1:" + std::to_string(server_.port()) +
           "\r\nConnection: close\r\n" + extra + "\r\n";
  }
};

testing::AssertionResult is_client_error(const HttpResponse& r) {
  if (!r.ok()) return testing::AssertionFailure() << "no response: " << r.describe();
  if (r.status < 400 || r.status > 499)
    return testing::AssertionFailure() << "expected 4xx, got " << r.describe();
  return testing::AssertionSuccess();
}

TEST_F(BadInputTest, BrokenPercentEncodingIsInvalidRequest) {
  EXPECT_TRUE(is_oauth_error(token_post("grant_type=password&username=%ZZ&password=x"), 400,
                             "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
  EXPECT_TRUE(is_oauth_error(token_post("grant_type=password&username=alice&password=abc%4"), 400,
                             "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
}

TEST_F(BadInputTest, EncodedNulIsInvalidRequest) {
  EXPECT_TRUE(
      is_oauth_error(token_post("grant_type=password&username=ali%00ce&password=alice-password-1"),
                     400, "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
}

TEST_F(BadInputTest, RawNulByteIsInvalidRequest) {
  std::string body = "grant_type=password&username=ali";
  body += '\0';
  body += "ce&password=alice-password-1";
  auto r = token_post(body);
  EXPECT_TRUE(is_oauth_error(r, 400, "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
  // A NUL right after a valid password must not be cut off silently either.
  std::string tail = kValidBody;
  tail += '\0';
  tail += "junk";
  EXPECT_TRUE(is_oauth_error(token_post(tail), 400, "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
}

TEST_F(BadInputTest, RepeatedParameterIsInvalidRequest) {
  EXPECT_TRUE(is_oauth_error(token_post(kValidBody + "&username=alice"), 400, "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
  EXPECT_TRUE(
      is_oauth_error(token_post("grant_type=password&" + kValidBody), 400, "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
}

TEST_F(BadInputTest, SecretInBodyPlusBasicIsInvalidRequest) {
  EXPECT_TRUE(is_oauth_error(token_post(kValidBody + "&client_secret=demo-secret-1"), 400,
                             "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
}

TEST_F(BadInputTest, GetOnTokenEndpointIsInvalidRequest) {
  auto r = get(server_.url("/oauth/token/"), {basic_auth_header(kClientId, kClientSecret)});
  EXPECT_TRUE(is_oauth_error(r, 400, "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
  auto q = get(server_.url("/oauth/token/?" + kValidBody),
               {basic_auth_header(kClientId, kClientSecret)});
  EXPECT_TRUE(is_oauth_error(q, 400, "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
}

TEST_F(BadInputTest, JsonBodyIsInvalidRequest) {
  HttpRequest req;
  req.method = "POST";
  req.url = server_.url("/oauth/token/");
  req.headers = {basic_auth_header(kClientId, kClientSecret), "Content-Type: application/json"};
  req.body = R"({"grant_type":"password","username":"alice","password":"alice-password-1"})";
  EXPECT_TRUE(is_oauth_error(send(req), 400, "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
  // The same JSON labelled as a form is a form with one odd parameter and no grant_type.
  EXPECT_TRUE(is_oauth_error(token_post(*req.body), 400, "invalid_request"));
  EXPECT_TRUE(still_serves(server_));
}

TEST_F(BadInputTest, BrokenBasicCredentialsAreRejectedWithJson) {
  const std::vector<std::string> broken = {"Authorization: Basic !!!",
                                           "Authorization: Basic ",
                                           "Authorization: Basic " + base64("no-colon-here"),
                                           "Authorization: Basic " + base64("demo-client:%ZZ"),
                                           "Authorization: Basic " + base64(":demo-secret-1"),
                                           "Authorization: Basic ====",
                                           "Authorization: Basic " + std::string(5000, '=')};
  for (const auto& header : broken) {
    auto r = post_form(server_.url("/oauth/token/"), kValidBody, {header});
    const bool ok =
        is_oauth_error(r, 400, "invalid_request") || is_oauth_error(r, 401, "invalid_client");
    EXPECT_TRUE(ok) << header << " -> " << r.describe();
    EXPECT_FALSE(is_token_success(r)) << header;
    EXPECT_TRUE(still_serves(server_)) << "after " << header;
  }
}

TEST_F(BadInputTest, UnknownMethodsGet4xx) {
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"FOO", "/oauth/token/"},
                                                        {"PURGE", "/oauth/token/"},
                                                        {"PURGE", "/api/users/"},
                                                        {"TRACE", "/api/users/"},
                                                        {"TRACE", "/oauth/token/"},
                                                        {"CONNECT", "/oauth/token/"},
                                                        {"OPTIONS", "/oauth/token/"},
                                                        {"PUT", "/oauth/token/"}}) {
    HttpRequest req;
    req.method = method;
    req.url = server_.url(path);
    req.headers = {basic_auth_header(kClientId, kClientSecret),
                   "Content-Type: application/x-www-form-urlencoded"};
    req.timeout = std::chrono::seconds(15);
    auto r = send(req);
    EXPECT_TRUE(is_client_error(r)) << method << " " << path;
    EXPECT_TRUE(still_serves(server_)) << "after " << method << " " << path;
  }
}

TEST_F(BadInputTest, HugeAuthorizationHeaderGets4xx) {
  // 64 KiB, under the default 128 KiB request limit: the server's own code must refuse it.
  const std::string big(64 * 1024, 'A');
  auto basic = post_form(server_.url("/oauth/token/"), kValidBody, {"Authorization: Basic " + big});
  EXPECT_TRUE(is_client_error(basic)) << basic.describe();
  EXPECT_FALSE(is_token_success(basic));
  auto bearer = get(server_.url("/api/users/"), {"Authorization: Bearer " + big});
  EXPECT_TRUE(is_client_error(bearer)) << bearer.describe();
  EXPECT_TRUE(still_serves(server_));
}

TEST_F(BadInputTest, HeaderOverTheRequestLimitGets4xx) {
  // 200 KiB of header, over the default 128 KiB limit.
  auto r = get(server_.url("/healthz"), {"X-Filler: " + std::string(200 * 1024, 'a')});
  EXPECT_TRUE(is_client_error(r));
  EXPECT_EQ(r.status, 413) << r.describe();
  EXPECT_TRUE(still_serves(server_));
}

// The body length of a request must be one plain decimal number (RFC 9112 §6.3). Pistache 0.0.5
// answered a negative or overlong Content-Length itself, with a 500 whose body was a C++
// exception message ("basic_string::_M_create", "stoull"): issue 8 (13). The server now checks
// the head first: 400 or 413 in the token endpoint's JSON error shape, and the connection closed.
bool is_json_refusal(const RawExchange& x, int status) {
  if (x.first_status() != status) return false;
  auto blank = x.received.find("\r\n\r\n");
  if (blank == std::string::npos) return false;
  const std::string head = x.received.substr(0, blank);
  const std::string body = x.received.substr(blank + 4);
  return head.find("application/json") != std::string::npos &&
         body.find("\"error\":\"invalid_request\"") != std::string::npos &&
         body.find("basic_string") == std::string::npos && body.find("stoull") == std::string::npos;
}

TEST_F(BadInputTest, BrokenContentLengthIsRefusedWithJsonNotExceptionText) {
  const std::vector<std::pair<std::string, int>> lengths = {
      {"-5", 400}, {"-1", 400}, {"abc", 400}, {"", 400}, {"0x10", 400},
      {"18446744073709551615", 413}, {"99999999999999999999", 413}};
  std::vector<RawExchange> results(lengths.size());
  std::vector<std::thread> senders;
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    senders.emplace_back([&, i] {
      results[i] =
          raw_exchange(server_.port(),
                       raw_request("POST /oauth/token/ HTTP/1.1",
                                   "Content-Type: application/x-www-form-urlencoded\r\n"
                                   "Content-Length: " +
                                       lengths[i].first + "\r\n" +
                                       basic_auth_header(kClientId, kClientSecret) + "\r\n") +
                           kValidBody,
                       std::chrono::milliseconds(1500));
    });
  }
  for (auto& t : senders) t.join();
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    const RawExchange& x = results[i];
    ASSERT_TRUE(x.connected);
    EXPECT_TRUE(is_json_refusal(x, lengths[i].second))
        << "Content-Length: " << lengths[i].first << " got: " << testing::PrintToString(x.received.substr(0, 300));
    EXPECT_TRUE(x.closed_by_peer) << "Content-Length: " << lengths[i].first;
    EXPECT_EQ(x.received.find("access_token"), std::string::npos) << x.received;
  }
  EXPECT_TRUE(still_serves(server_));
}

// Issue 8 (12): with two different Content-Length headers Pistache 0.0.5 kept the first, and the
// body bytes past it, arriving in a read of their own, were served as a second request (request
// smuggling). Refused now: one 400, the connection closed, the smuggled request never answered.
TEST_F(BadInputTest, TwoDifferentContentLengthsAreRefused) {
  const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const std::string request =
      "POST /oauth/token/ HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: 5\r\nContent-Length: " + std::to_string(5 + smuggled.size()) +
      "\r\n\r\nabcde";
  auto x = raw_exchange(server_.port(), std::vector<std::string>{request, smuggled},
                        std::chrono::milliseconds(300), std::chrono::milliseconds(2000));
  ASSERT_TRUE(x.connected);
  int responses = 0;
  for (auto at = x.received.find("HTTP/1.1 "); at != std::string::npos;
       at = x.received.find("HTTP/1.1 ", at + 1)) {
    ++responses;
  }
  EXPECT_TRUE(is_json_refusal(x, 400)) << testing::PrintToString(x.received.substr(0, 600));
  EXPECT_EQ(responses, 1) << testing::PrintToString(x.received.substr(0, 600));
  EXPECT_TRUE(x.closed_by_peer);
  EXPECT_TRUE(still_serves(server_));
}

// Issue 8 (12): Pistache read "Content-Length: +N" as N and served the request; RFC 9112 §6.3
// allows digits only. Refused now, and no token issued.
TEST_F(BadInputTest, SignedContentLengthIsRefused) {
  auto x = raw_exchange(
      server_.port(),
      raw_request("POST /oauth/token/ HTTP/1.1",
                  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: +" +
                      std::to_string(kValidBody.size()) + "\r\n" +
                      basic_auth_header(kClientId, kClientSecret) + "\r\n") +
          kValidBody,
      std::chrono::milliseconds(1500));
  ASSERT_TRUE(x.connected);
  EXPECT_TRUE(is_json_refusal(x, 400)) << testing::PrintToString(x.received.substr(0, 300));
  EXPECT_EQ(x.received.find("access_token"), std::string::npos);
  EXPECT_TRUE(still_serves(server_));
}

// The same two lengths said alike, and a head split over many reads, are served as usual.
TEST_F(BadInputTest, RepeatedEqualContentLengthAndSplitHeadAreServed) {
  const std::string head_lines = "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                                 std::to_string(kValidBody.size()) + "\r\nContent-Length: " +
                                 std::to_string(kValidBody.size()) + "\r\n" +
                                 basic_auth_header(kClientId, kClientSecret) + "\r\n";
  const std::string bytes = raw_request("POST /oauth/token/ HTTP/1.1", head_lines) + kValidBody;
  auto whole = raw_exchange(server_.port(), bytes, std::chrono::milliseconds(1500));
  EXPECT_EQ(whole.first_status(), 200) << testing::PrintToString(whole.received.substr(0, 300));
  std::vector<std::string> pieces;
  for (std::size_t at = 0; at < bytes.size(); at += 7) pieces.push_back(bytes.substr(at, 7));
  auto split = raw_exchange(server_.port(), pieces, std::chrono::milliseconds(5), std::chrono::milliseconds(1500));
  EXPECT_EQ(split.first_status(), 200) << testing::PrintToString(split.received.substr(0, 300));
}

// Issue 8 (13): ESC, CR and NUL in the path went raw into the access log (a forged line, or
// escape sequences for the terminal that shows it).
TEST_F(BadInputTest, ControlBytesInThePathAreEscapedInTheAccessLog) {
  const std::string path = "/he\x1b[31mllo\rFAKE\x01";
  auto x = raw_exchange(server_.port(), raw_request("GET " + path + " HTTP/1.1"),
                        std::chrono::milliseconds(1500));
  ASSERT_TRUE(x.connected);
  ASSERT_TRUE(still_serves(server_));
  const std::string log = server_.stderr_text();
  EXPECT_NE(log.find("/he\\x1b[31mllo\\x0dFAKE\\x01"), std::string::npos)
      << "expected the escaped path in the log:\n" << testing::PrintToString(log);
  for (char bad : {'\x1b', '\r', '\x01', '\0'}) {
    EXPECT_EQ(log.find(bad), std::string::npos)
        << "raw byte " << int(bad) << " in the log:\n" << testing::PrintToString(log);
  }
}

TEST_F(BadInputTest, GarbageRequestLinesGetNo5xx) {
  const std::vector<std::string> garbage = {
      "GARBAGE\r\n\r\n",
      "GET\r\n\r\n",
      "GET /healthz\r\n\r\n",
      "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n",
      "POST /oauth/token/ HTTP/1.1 extra\r\nHost: x\r\n\r\n",
      std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + std::string(64, '\0'),
      "\r\n\r\n\r\n",
      std::string(3000, 'G') + " / HTTP/1.1\r\n\r\n",
      "G\xC3\x28T /api/users/ HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /api/users/%%%% HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer x\r\n\r\n",
      "GET /healthz HTTP/1.1\nHost: x\n\n",
  };
  // All at once, each on its own connection: the ones Pistache waits on (until its header
  // timeout) must not keep others from being served meanwhile.
  std::vector<RawExchange> results(garbage.size());
  std::vector<std::thread> senders;
  for (std::size_t i = 0; i < garbage.size(); ++i) {
    senders.emplace_back([&, i] {
      results[i] = raw_exchange(server_.port(), garbage[i], std::chrono::milliseconds(2000));
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_TRUE(still_serves(server_)) << "while garbage connections are open";
  for (auto& t : senders) t.join();
  for (std::size_t i = 0; i < garbage.size(); ++i) {
    EXPECT_TRUE(results[i].connected);
    EXPECT_FALSE(results[i].first_status() >= 500)
        << "request " << testing::PrintToString(garbage[i].substr(0, 60)) << " got "
        << testing::PrintToString(results[i].received.substr(0, 200));
  }
  EXPECT_TRUE(still_serves(server_));
}

// A body must come with a Content-Length: any Transfer-Encoding is 411 (RFC 9110 §15.5.12).
// Pistache 0.0.5 answered a chunk size too big to allocate with "std::bad_alloc" as the body
// (issue 8 (13)); chunked requests are refused before Pistache reads them.
TEST_F(BadInputTest, ChunkedBodiesAreRefusedWithLengthRequired) {
  auto hex = [](std::size_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%zx", n);
    return std::string(buf);
  };
  const std::string head = raw_request("POST /oauth/token/ HTTP/1.1",
                                       "Content-Type: application/x-www-form-urlencoded\r\n" +
                                           basic_auth_header(kClientId, kClientSecret) + "\r\n");
  // raw_request ends with the blank line; chunked requests need one more header before it.
  const std::string prefix = head.substr(0, head.size() - 2) + "Transfer-Encoding: chunked\r\n\r\n";
  const std::string good = prefix + hex(kValidBody.size()) + "\r\n" + kValidBody + "\r\n0\r\n\r\n";
  struct Case {
    std::string name;
    std::string bytes;
    bool may_be_501;
  };
  const std::vector<Case> broken = {
      {"negative chunk size", prefix + "-5\r\n" + kValidBody + "\r\n0\r\n\r\n", false},
      {"chunk size 2^64-1", prefix + "ffffffffffffffff\r\n" + kValidBody + "\r\n0\r\n\r\n", false},
      {"chunk size not hex", prefix + "zz\r\n" + kValidBody + "\r\n0\r\n\r\n", false},
      {"chunked plus Content-Length",
       head.substr(0, head.size() - 2) + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n" +
           hex(kValidBody.size()) + "\r\n" + kValidBody + "\r\n0\r\n\r\n",
       false},
      // RFC 9112 §6.1: an unknown transfer coding SHOULD get 501.
      {"unknown transfer coding",
       head.substr(0, head.size() - 2) + "Transfer-Encoding: gzip\r\n\r\n" + kValidBody, true},
  };
  std::vector<RawExchange> results(broken.size() + 1);
  std::vector<std::thread> senders;
  for (std::size_t i = 0; i <= broken.size(); ++i) {
    senders.emplace_back([&, i] {
      results[i] = raw_exchange(server_.port(), i == 0 ? good : broken[i - 1].bytes,
                                std::chrono::milliseconds(1500));
    });
  }
  for (auto& t : senders) t.join();
  EXPECT_TRUE(is_json_refusal(results[0], 411)) << testing::PrintToString(results[0].received);
  EXPECT_EQ(results[0].received.find("access_token"), std::string::npos);
  for (std::size_t i = 0; i < broken.size(); ++i) {
    const RawExchange& x = results[i + 1];
    EXPECT_TRUE(is_json_refusal(x, 411)) << broken[i].name << " got "
                    << testing::PrintToString(x.received.substr(0, 300));
    EXPECT_EQ(x.received.find("access_token"), std::string::npos) << broken[i].name;
  }
  EXPECT_TRUE(still_serves(server_));
}

class OversizeBodyTest : public BadInputTest {
 protected:
  RefServerOptions options() override {
    RefServerOptions o;
    o.extra_args = {"--max-request-bytes", "65536"};
    return o;
  }
};

TEST_F(OversizeBodyTest, BodyOverTheLimitGets4xxNever5xx) {
  const std::string body = kValidBody + "&pad=" + std::string(200 * 1024, 'x');
  auto r = token_post(body);
  ASSERT_TRUE(r.ok()) << "no answer to a 200 KiB body: " << r.describe();
  EXPECT_TRUE(is_client_error(r)) << r.describe();
  EXPECT_EQ(r.status, 413) << r.describe();
  EXPECT_TRUE(still_serves(server_));
  // Just under the limit still works.
  auto fits = token_post(kValidBody + "&pad=" + std::string(60 * 1024, 'x'));
  EXPECT_TRUE(is_oauth_error(fits, 400, "invalid_request") || is_token_success(fits))
      << fits.describe();
}

}  // namespace
}  // namespace ock::server::e2e
