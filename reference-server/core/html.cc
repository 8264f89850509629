#include "reference-server/core/html.h"

namespace ock::server {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

ApiReply html_page(int status, std::string_view title, std::string_view body_html) {
  ApiReply r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
           html_escape(title) + "</title>\n</head>\n<body>\n<h1>" + html_escape(title) + "</h1>\n" +
           std::string(body_html) + "</body>\n</html>\n";
  r.add_header("X-Frame-Options", "DENY");
  r.add_header("Content-Security-Policy", "frame-ancestors 'none'");
  r.add_header("Cache-Control", "no-store");
  r.add_header("Pragma", "no-cache");
  r.add_header("Referrer-Policy", "no-referrer");
  return r;
}

}  // namespace ock::server
