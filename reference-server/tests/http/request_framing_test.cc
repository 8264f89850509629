// framing_problem and RequestHeadBuffer: the body length of a request head must be one plain
// decimal number (RFC 9112 §6.3), said once or said alike; no Transfer-Encoding; no whitespace
// before a header's colon (§5.1). A head is collected over any split of its bytes.
#include "reference-server/http/request_framing.h"

#include <gtest/gtest.h>

#include <string>

namespace ock::server::http {
namespace {

std::string head(const std::string& headers) {
  return "POST /oauth/token/ HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n";
}

int status_of(const std::string& h, std::size_t max = 1000) {
  auto p = framing_problem(h, max);
  return p ? p->status : 0;
}

TEST(RequestFraming, SoundHeadsPass) {
  EXPECT_EQ(status_of(head("")), 0);
  EXPECT_EQ(status_of(head("Content-Length: 5\r\n")), 0);
  EXPECT_EQ(status_of(head("content-length:5\r\n")), 0);
  EXPECT_EQ(status_of(head("Content-Length: 5\r\nContent-Length: 5\r\n")), 0);
  EXPECT_EQ(status_of(head("Content-Length: 5, 005\r\n")), 0);
  EXPECT_EQ(status_of(head("Content-Length: 1000\r\n")), 0);
  EXPECT_EQ(status_of("GET / HTTP/1.1\nHost: x\nContent-Length: 0\n\n"), 0);
}

TEST(RequestFraming, AmbiguousLengthsAre400) {
  EXPECT_EQ(status_of(head("Content-Length: 5\r\nContent-Length: 61\r\n")), 400);
  EXPECT_EQ(status_of(head("Content-Length: 5, 6\r\n")), 400);
  EXPECT_EQ(status_of(head("Content-Length: +5\r\n")), 400);
  EXPECT_EQ(status_of(head("Content-Length: -1\r\n")), 400);
  EXPECT_EQ(status_of(head("Content-Length: \r\n")), 400);
  EXPECT_EQ(status_of(head("Content-Length: abc\r\n")), 400);
  EXPECT_EQ(status_of(head("Content-Length: 0x10\r\n")), 400);
  EXPECT_EQ(status_of(head("Content-Length: 5 5\r\n")), 400);
  EXPECT_EQ(status_of(head("Content-Length : 5\r\n")), 400);
  EXPECT_EQ(status_of(head("Host\t: y\r\n")), 400);
}

TEST(RequestFraming, TooLongIs413AndTransferEncodingIs411) {
  EXPECT_EQ(status_of(head("Content-Length: 1001\r\n")), 413);
  EXPECT_EQ(status_of(head("Content-Length: 18446744073709551615\r\n")), 413);
  EXPECT_EQ(status_of(head("Content-Length: 99999999999999999999999999\r\n")), 413);
  EXPECT_EQ(status_of(head("Transfer-Encoding: chunked\r\n")), 411);
  EXPECT_EQ(status_of(head("Transfer-Encoding: gzip\r\n")), 411);
  EXPECT_EQ(status_of(head("transfer-encoding: chunked\r\nContent-Length: 5\r\n")), 411);
}

TEST(RequestFraming, HeadersAfterTheBlankLineAreBodyNotHead) {
  EXPECT_EQ(status_of(head("Content-Length: 20\r\n") + "Content-Length: 7\r\n\r\n"), 0);
}

TEST(RequestHeadBuffer, CompletesOverAnySplitAndKeepsOnlyTheHead) {
  const std::string h = head("Content-Length: 5\r\n");
  const std::string bytes = h + "abcde";
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    RequestHeadBuffer b(4096);
    b.append(bytes.substr(0, cut));
    b.append(bytes.substr(cut));
    ASSERT_TRUE(b.complete()) << cut;
    EXPECT_EQ(b.text(), h) << cut;
  }
  RequestHeadBuffer one_by_one(4096);
  for (char c : bytes) one_by_one.append(std::string(1, c));
  EXPECT_EQ(one_by_one.text(), h);
}

TEST(RequestHeadBuffer, LeadingEmptyLinesAreSkippedNotAnEnd) {
  RequestHeadBuffer b(4096);
  b.append("\r\n\r\n");
  EXPECT_FALSE(b.complete());
  b.append(head("Content-Length: +5\r\n"));
  ASSERT_TRUE(b.complete());
  EXPECT_EQ(status_of(b.text()), 400);
}

TEST(RequestHeadBuffer, AHeadOverTheLimitNeverCompletesAndClearStartsOver) {
  RequestHeadBuffer b(64);
  b.append(head("X-Filler: " + std::string(100, 'a') + "\r\n"));
  EXPECT_FALSE(b.complete());
  EXPECT_LE(b.text().size(), 64u);
  b.clear();
  b.append("GET / HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(b.complete());
  b.refuse();
  EXPECT_TRUE(b.refused());
}

}  // namespace
}  // namespace ock::server::http
