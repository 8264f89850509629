// Shows a recorded HTTP exchange the way a learner can read it: request line, headers and body,
// then status, headers and body, JSON pretty-printed and every secret masked. Pure text work;
// depends on http_client.h (the data types only, not libcurl), mask and nlohmann_json.
#pragma once

#include <string>

#include "client/http_client.h"
#include "client/mask.h"

namespace ock::client {

// The request as sent ("> " lines) followed by the response ("< " lines), or by the transport
// error. Authorization values, secret form/JSON fields and the redactor's secrets are masked.
std::string format_exchange(const Exchange& exchange, const Redactor& redactor);

// A body for display: pretty JSON with secret fields masked when it parses as JSON, a masked
// form body when it looks like one, else the text cut at 2000 bytes.
std::string format_body(const std::string& body, const std::string& content_type,
                        const Redactor& redactor);

}  // namespace ock::client
