// Makes untrusted text (anything the target sent, already redacted) safe to embed in XML, HTML
// and Markdown: repairs UTF-8, replaces the control characters XML 1.0 forbids, then escapes for
// the format. Pure string work; knows nothing about reports.
#pragma once

#include <string>
#include <string_view>

namespace ock::conformance::report {

// Valid UTF-8 with no character XML 1.0 forbids: an invalid byte sequence becomes U+FFFD, a C0
// control other than tab, LF and CR becomes its visible Control Picture (NUL -> U+2400 "␀"),
// and U+FFFE / U+FFFF become U+FFFD. Everything else is kept byte for byte.
std::string sanitize_text(std::string_view text);

// CR LF -> LF, so HTTP exchanges read as plain lines in text outputs; lone CRs are kept.
std::string normalize_newlines(std::string_view text);

// sanitize_text, then & < > " escaped; with `attribute` also ' and tab/LF/CR as character
// references, so attribute-value normalisation cannot fold them.
std::string escape_xml(std::string_view text, bool attribute);

// sanitize_text, then & < > " ' escaped: safe in HTML element content and quoted attributes.
std::string escape_html(std::string_view text);

// sanitize_text, then Markdown punctuation backslash-escaped and <, >, & as entities, with line
// breaks folded to spaces: safe inline and inside a table cell (| is escaped too).
std::string escape_markdown(std::string_view text);

}  // namespace ock::conformance::report
