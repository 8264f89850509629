#include "reference-server/storage/sqlite_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <vector>

namespace ock::server::storage {
namespace {

constexpr int kFrameHeaderBytes = 24;  // the WAL frame header (SQLite file format, §4.1)
constexpr int kMinPageBytes = 512;     // the smallest page size
// Frames held back up to this many bytes; past it they are written out at once (always safe).
// Each write to the unix VFS stays under 128 KiB too: it writes `n & 0x1ffff` bytes of an
// n-byte request (seekAndWriteFd), so a longer one would come out short (SQLITE_FULL).
constexpr std::size_t kMaxHeldBytes = 64u * 1024;
constexpr std::size_t kMaxWriteBytes = 64u * 1024;

// Our file: SQLite's handle, then (at `real`) the unix VFS's own, which does the work.
struct File {
  sqlite3_file base;
  sqlite3_file* real;
  bool wal;
  // WAL frames held back: their bytes, contiguous from `held_offset` (only for WAL files;
  // null when the buffer could not be allocated: then every write goes through).
  std::vector<unsigned char>* held;
  sqlite3_int64 held_offset;
  bool header_last;     // the last write held was a frame header (its page comes next)
  bool header_commits;  // ... and that header marks its frame as a transaction's last
};

File* file_of(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

// Writes the frames held back: in one write, or in 64 KiB pieces when there are more.
int flush(File* f) {
  f->header_last = false;
  if (f->held == nullptr || f->held->empty()) return SQLITE_OK;
  int rc = SQLITE_OK;
  for (std::size_t at = 0; at < f->held->size() && rc == SQLITE_OK; at += kMaxWriteBytes) {
    const std::size_t n = std::min(kMaxWriteBytes, f->held->size() - at);
    rc = f->real->pMethods->xWrite(f->real, f->held->data() + at, static_cast<int>(n),
                                   f->held_offset + static_cast<sqlite3_int64>(at));
  }
  f->held->clear();
  return rc;
}

// Appends to what is held; false (nothing held) when memory ran out: SQLite calls us from C,
// so no exception may leave, and the caller writes through instead.
bool hold(File* f, const void* buf, int amt, sqlite3_int64 off) {
  const auto* p = static_cast<const unsigned char*>(buf);
  try {
    f->held->insert(f->held->end(), p, p + amt);
  } catch (const std::bad_alloc&) {
    return false;
  }
  if (f->held->size() == static_cast<std::size_t>(amt)) f->held_offset = off;
  return true;
}

int x_close(sqlite3_file* pf) {
  File* f = file_of(pf);
  int rc = flush(f);
  int rc2 = f->real->pMethods->xClose(f->real);
  delete f->held;
  f->held = nullptr;
  return rc != SQLITE_OK ? rc : rc2;
}

int x_read(sqlite3_file* pf, void* buf, int amt, sqlite3_int64 off) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xRead(f->real, buf, amt, off);
}

// SQLite appends a transaction's frames to the WAL as header, page, header, page, ..., each a
// write of its own, and only then publishes them to readers (in the shared-memory index, which
// is no call of ours). So they are held back and written at once when the page of the frame
// whose header marks the transaction's end (a non-zero database size, header bytes 4-7) arrives:
// before the publication, as SQLite's own writes were. Any other write, and every other call on
// the file, first writes what is held.
int x_write(sqlite3_file* pf, const void* buf, int amt, sqlite3_int64 off) {
  File* f = file_of(pf);
  if (f->wal && f->held != nullptr) {
    const bool follows = f->held->empty() ||
                         off == f->held_offset + static_cast<sqlite3_int64>(f->held->size());
    if (amt == kFrameHeaderBytes && !f->header_last) {
      if (!follows) {
        if (int rc = flush(f); rc != SQLITE_OK) return rc;
      }
      if (hold(f, buf, amt, off)) {
        const auto* h = static_cast<const unsigned char*>(buf);
        f->header_last = true;
        f->header_commits = (h[4] | h[5] | h[6] | h[7]) != 0;
        return SQLITE_OK;
      }
    } else if (f->header_last && follows && amt >= kMinPageBytes) {
      // The page of the header just held.
      if (hold(f, buf, amt, off)) {
        f->header_last = false;
        if (f->header_commits || f->held->size() >= kMaxHeldBytes) return flush(f);
        return SQLITE_OK;
      }
    }
    if (int rc = flush(f); rc != SQLITE_OK) return rc;
  }
  return f->real->pMethods->xWrite(f->real, buf, amt, off);
}

int x_truncate(sqlite3_file* pf, sqlite3_int64 size) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xTruncate(f->real, size);
}

int x_sync(sqlite3_file* pf, int flags) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xSync(f->real, flags);
}

int x_file_size(sqlite3_file* pf, sqlite3_int64* size) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xFileSize(f->real, size);
}

int x_lock(sqlite3_file* pf, int level) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xLock(f->real, level);
}

int x_unlock(sqlite3_file* pf, int level) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xUnlock(f->real, level);
}

int x_check_reserved_lock(sqlite3_file* pf, int* out) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xCheckReservedLock(f->real, out);
}

int x_file_control(sqlite3_file* pf, int op, void* arg) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xFileControl(f->real, op, arg);
}

int x_sector_size(sqlite3_file* pf) {
  File* f = file_of(pf);
  return f->real->pMethods->xSectorSize(f->real);
}

int x_device_characteristics(sqlite3_file* pf) {
  File* f = file_of(pf);
  return f->real->pMethods->xDeviceCharacteristics(f->real);
}

int x_shm_map(sqlite3_file* pf, int page, int size, int extend, void volatile** out) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xShmMap(f->real, page, size, extend, out);
}

int x_shm_lock(sqlite3_file* pf, int offset, int n, int flags) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

void x_shm_barrier(sqlite3_file* pf) {
  File* f = file_of(pf);
  flush(f);
  f->real->pMethods->xShmBarrier(f->real);
}

int x_shm_unmap(sqlite3_file* pf, int delete_flag) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xShmUnmap(f->real, delete_flag);
}

int x_fetch(sqlite3_file* pf, sqlite3_int64 off, int amt, void** out) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xFetch(f->real, off, amt, out);
}

int x_unfetch(sqlite3_file* pf, sqlite3_int64 off, void* p) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xUnfetch(f->real, off, p);
}

// Our methods, at the version of the file they wrap (set per file in x_open).
sqlite3_io_methods io_methods_v3 = {
    3,
    x_close,
    x_read,
    x_write,
    x_truncate,
    x_sync,
    x_file_size,
    x_lock,
    x_unlock,
    x_check_reserved_lock,
    x_file_control,
    x_sector_size,
    x_device_characteristics,
    x_shm_map,
    x_shm_lock,
    x_shm_barrier,
    x_shm_unmap,
    x_fetch,
    x_unfetch,
};

sqlite3_vfs* unix_vfs = nullptr;

int x_open(sqlite3_vfs*, const char* name, sqlite3_file* pf, int flags, int* out_flags) {
  File* f = file_of(pf);
  f->real = reinterpret_cast<sqlite3_file*>(f + 1);
  f->wal = (flags & SQLITE_OPEN_WAL) != 0;
  f->held = nullptr;
  f->held_offset = 0;
  f->header_last = false;
  f->header_commits = false;
  f->base.pMethods = nullptr;
  int rc = unix_vfs->xOpen(unix_vfs, name, f->real, flags, out_flags);
  if (f->real->pMethods == nullptr) return rc;  // nothing opened: SQLite calls no method
  if (f->real->pMethods->iVersion < 3) {
    // Our methods are version 3 (shared memory, mmap); the unix VFS's always are.
    f->real->pMethods->xClose(f->real);
    return SQLITE_CANTOPEN;
  }
  // The buffer is what enables holding frames back (none: every write goes through).
  if (f->wal) f->held = new (std::nothrow) std::vector<unsigned char>();
  f->base.pMethods = &io_methods_v3;
  return rc;
}

int x_delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return unix_vfs->xDelete(unix_vfs, name, sync_dir);
}
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return unix_vfs->xAccess(unix_vfs, name, flags, out);
}
int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return unix_vfs->xFullPathname(unix_vfs, name, n, out);
}
void* x_dl_open(sqlite3_vfs*, const char* name) { return unix_vfs->xDlOpen(unix_vfs, name); }
void x_dl_error(sqlite3_vfs*, int n, char* out) { unix_vfs->xDlError(unix_vfs, n, out); }
void (*x_dl_sym(sqlite3_vfs*, void* h, const char* sym))(void) {
  return unix_vfs->xDlSym(unix_vfs, h, sym);
}
void x_dl_close(sqlite3_vfs*, void* h) { unix_vfs->xDlClose(unix_vfs, h); }
int x_randomness(sqlite3_vfs*, int n, char* out) { return unix_vfs->xRandomness(unix_vfs, n, out); }
int x_sleep(sqlite3_vfs*, int us) { return unix_vfs->xSleep(unix_vfs, us); }
int x_current_time(sqlite3_vfs*, double* out) { return unix_vfs->xCurrentTime(unix_vfs, out); }
int x_get_last_error(sqlite3_vfs*, int n, char* out) {
  return unix_vfs->xGetLastError(unix_vfs, n, out);
}
int x_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
  return unix_vfs->xCurrentTimeInt64(unix_vfs, out);
}
int x_set_system_call(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr p) {
  return unix_vfs->xSetSystemCall(unix_vfs, name, p);
}
sqlite3_syscall_ptr x_get_system_call(sqlite3_vfs*, const char* name) {
  return unix_vfs->xGetSystemCall(unix_vfs, name);
}
const char* x_next_system_call(sqlite3_vfs*, const char* name) {
  return unix_vfs->xNextSystemCall(unix_vfs, name);
}

const char* register_vfs() {
  unix_vfs = sqlite3_vfs_find("unix");
  if (unix_vfs == nullptr || unix_vfs->iVersion < 3) return nullptr;
  static sqlite3_vfs vfs{};
  vfs.iVersion = 3;
  vfs.szOsFile = static_cast<int>(sizeof(File)) + unix_vfs->szOsFile;
  vfs.mxPathname = unix_vfs->mxPathname;
  vfs.zName = "ock-unix-wal-frames";
  vfs.xOpen = x_open;
  vfs.xDelete = x_delete;
  vfs.xAccess = x_access;
  vfs.xFullPathname = x_full_pathname;
  vfs.xDlOpen = x_dl_open;
  vfs.xDlError = x_dl_error;
  vfs.xDlSym = x_dl_sym;
  vfs.xDlClose = x_dl_close;
  vfs.xRandomness = x_randomness;
  vfs.xSleep = x_sleep;
  vfs.xCurrentTime = x_current_time;
  vfs.xGetLastError = x_get_last_error;
  vfs.xCurrentTimeInt64 = x_current_time_int64;
  vfs.xSetSystemCall = x_set_system_call;
  vfs.xGetSystemCall = x_get_system_call;
  vfs.xNextSystemCall = x_next_system_call;
  if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) return nullptr;
  return vfs.zName;
}

}  // namespace

const char* wal_frame_vfs() {
  static const char* name = register_vfs();
  return name;
}

}  // namespace ock::server::storage
