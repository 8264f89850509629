// Checks on the media type and the JSON shape of a reply (RFC 6749 §5.1, RFC 8259 §4), and the
// short description of a JSON body the other checks quote as their "actual" value. No I/O.
#pragma once

#include <string>
#include <string_view>

#include "conformance/checks/check.h"
#include "conformance/engine/http.h"

namespace ock::conformance::checks {

using engine::HttpExchange;

// "application/json", parameters allowed, case-insensitive.
bool is_json_media_type(std::string_view content_type);
// Duplicate member names anywhere in a JSON text (false when it does not parse).
bool json_has_duplicate_members(std::string_view text);
// The body for a message: its JSON (first 200 characters), or why it is not a JSON object.
std::string describe_json_body(const HttpExchange& x);

// Content-Type is application/json (parameters allowed).   default id "media_type"
bool expect_json_content_type(const HttpExchange& x, const Tag& tag = {});
// The body is one JSON object.                            default id "json_object"
bool expect_json_object(const HttpExchange& x, const Tag& tag = {});
// No object in the body repeats a member name.            default id "no_duplicate_members"
bool expect_no_duplicate_members(const HttpExchange& x, const Tag& tag = {});
// The body is a JSON object with an "error" member.           default id "json_error_body"
bool expect_json_error_body(const HttpExchange& x, const Tag& tag = {});

}  // namespace ock::conformance::checks
