// The HTML pages the server shows a person (the authorization endpoint's login, consent and error
// pages): the one escaping of every piece of text that reaches them, and the one page frame with
// the headers every such page carries (no framing, no caching). std only; no protocol decisions
// and no knowledge of what the pages say.
#pragma once

#include <string>
#include <string_view>

#include "reference-server/core/api.h"

namespace ock::server {

// `text` safe inside HTML text and inside a double- or single-quoted attribute value: & < > " '
// become character references; every other byte is unchanged.
std::string html_escape(std::string_view text);

// A complete UTF-8 HTML document with `title` (escaped here) and `body_html` (already HTML:
// the caller escapes what it puts in), answered with `status`, `Content-Type: text/html;
// charset=utf-8`, `X-Frame-Options: DENY`, `Content-Security-Policy: frame-ancestors 'none'`
// (RFC 6749 §10.13, RFC 9700 §4.16), `Cache-Control: no-store`, `Pragma: no-cache` and
// `Referrer-Policy: no-referrer`.
ApiReply html_page(int status, std::string_view title, std::string_view body_html);

}  // namespace ock::server
