// A thin SQLite VFS over the default "unix" one that writes each WAL frame with one pwrite
// instead of two. SQLite writes a frame as its 24-byte header and then its page, in two
// back-to-back writes to adjacent offsets; this VFS holds the header back until the page
// follows and writes both at once. Anything else done to the file first sends the header on
// its own, so the bytes on disk and their order are SQLite's own; a process killed between the
// two writes leaves an incomplete frame either way (SQLite ignores one without its page).
// Everything else passes through unchanged. Internal to storage/ (includes SQLite only).
#pragma once

namespace ock::server::storage {

// Registers the VFS (once; not as the default) and returns its name for sqlite3_open_v2 (the
// SOCI connect string's vfs=). Null when the "unix" VFS is missing (then use the default).
const char* wal_frame_vfs();

}  // namespace ock::server::storage
