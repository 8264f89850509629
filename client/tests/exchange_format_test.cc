// Unit tests of how an exchange is shown: readable, and with no secret in full.
#include "client/exchange_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ock::client {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Exchange token_exchange() {
  Exchange x;
  x.request.method = "POST";
  x.request.url = "http://127.0.0.1:8000/oauth/token/";
  x.request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  x.request.body = "grant_type=password&username=alice&password=alice-password-1";
  x.sent_head =
      "POST /oauth/token/ HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n"
      "Authorization: Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQtMQ==\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\n\r\n";
  x.completed = true;
  x.response.status = 200;
  x.response.status_line = "HTTP/1.1 200 OK";
  x.response.headers = {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}};
  x.response.body = R"({"access_token":"AAAAbbbbCCCCdddd","token_type":"Bearer","expires_in":3600,)"
                    R"("refresh_token":"RRRRssssTTTTuuuu"})";
  return x;
}

TEST(FormatExchangeTest, ShowsRequestAndResponseWithSecretsMasked) {
  const std::string text = format_exchange(token_exchange(), Redactor{});
  EXPECT_THAT(text, HasSubstr("> POST /oauth/token/ HTTP/1.1\n"));
  EXPECT_THAT(text, HasSubstr("> Authorization: Basic ZGVt…\n"));
  EXPECT_THAT(text, HasSubstr("> grant_type=password&username=alice&password=alic…\n"));
  EXPECT_THAT(text, HasSubstr("< HTTP/1.1 200 OK\n"));
  EXPECT_THAT(text, HasSubstr("< Cache-Control: no-store\n"));
  EXPECT_THAT(text, HasSubstr("<   \"access_token\": \"AAAA…\",\n"));  // pretty-printed
  EXPECT_THAT(text, HasSubstr("<   \"expires_in\": 3600,\n"));
  EXPECT_THAT(text, Not(HasSubstr("alice-password-1")));
  EXPECT_THAT(text, Not(HasSubstr("AAAAbbbbCCCCdddd")));
  EXPECT_THAT(text, Not(HasSubstr("RRRRssssTTTTuuuu")));
  EXPECT_THAT(text, Not(HasSubstr("ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQtMQ==")));
}

TEST(FormatExchangeTest, RedactorCatchesSecretsOutsideKnownFields) {
  Exchange x = token_exchange();
  x.response.headers.emplace_back("X-Debug", "saw AAAAbbbbCCCCdddd");
  Redactor r;
  r.add("AAAAbbbbCCCCdddd");
  const std::string text = format_exchange(x, r);
  EXPECT_THAT(text, HasSubstr("< X-Debug: saw AAAA…"));
  EXPECT_THAT(text, Not(HasSubstr("AAAAbbbbCCCCdddd")));
}

TEST(FormatExchangeTest, TransportErrorIsShownInsteadOfAResponse) {
  Exchange x = token_exchange();
  x.completed = false;
  x.sent_head.clear();
  x.transport_error = "Couldn't connect to server";
  const std::string text = format_exchange(x, Redactor{});
  EXPECT_THAT(text, HasSubstr("> POST http://127.0.0.1:8000/oauth/token/\n"));
  EXPECT_THAT(text, HasSubstr("(no answer: Couldn't connect to server)"));
}

TEST(FormatBodyTest, LongHtmlIsCut) {
  const std::string html = "<html>" + std::string(5000, 'x') + "</html>";
  const std::string text = format_body(html, "text/html", Redactor{});
  EXPECT_LT(text.size(), 2200u);
  EXPECT_THAT(text, HasSubstr("more bytes not shown"));
}

}  // namespace
}  // namespace ock::client
