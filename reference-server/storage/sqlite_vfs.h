// A thin SQLite VFS over the default "unix" one that writes a transaction's WAL frames with one
// pwrite instead of two per frame. SQLite appends each frame as its 24-byte header and then its
// page, in back-to-back writes to adjacent offsets, and publishes the frames to readers only
// after the last one (through shared memory, not the VFS). This VFS holds the frames back and
// writes them all at once when the page of the transaction's last frame (the one whose header
// carries the new database size) arrives, so readers never see a frame that is not in the file.
// Anything else done to the file first writes what is held, so the bytes on disk and their
// order are SQLite's own; a process killed before that write loses only frames SQLite had not
// yet committed (recovery ignores a transaction without its last frame). Everything else
// passes through unchanged. Internal to storage/ (includes SQLite only).
#pragma once

namespace ock::server::storage {

// Registers the VFS (once; not as the default) and returns its name for sqlite3_open_v2 (the
// SOCI connect string's vfs=). Null when the "unix" VFS is missing (then use the default).
const char* wal_frame_vfs();

}  // namespace ock::server::storage
