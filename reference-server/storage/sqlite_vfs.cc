#include "reference-server/storage/sqlite_vfs.h"

#include <sqlite3.h>

#include <cstring>
#include <new>
#include <vector>

namespace ock::server::storage {
namespace {

constexpr int kFrameHeaderBytes = 24;  // the WAL frame header (SQLite file format, §4.1)

// Our file: SQLite's handle, then (at `real`) the unix VFS's own, which does the work.
struct File {
  sqlite3_file base;
  sqlite3_file* real;
  bool wal;
  // A frame header held back: its bytes and where it goes. Only for WAL files.
  bool held;
  sqlite3_int64 held_offset;
  unsigned char header[kFrameHeaderBytes];
  std::vector<unsigned char>* frame;  // header + page, written at once
};

File* file_of(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

// Writes the held header on its own (something other than its page came next).
int flush(File* f) {
  if (!f->held) return SQLITE_OK;
  f->held = false;
  return f->real->pMethods->xWrite(f->real, f->header, kFrameHeaderBytes, f->held_offset);
}

int x_close(sqlite3_file* pf) {
  File* f = file_of(pf);
  int rc = flush(f);
  int rc2 = f->real->pMethods->xClose(f->real);
  delete f->frame;
  f->frame = nullptr;
  return rc != SQLITE_OK ? rc : rc2;
}

int x_read(sqlite3_file* pf, void* buf, int amt, sqlite3_int64 off) {
  File* f = file_of(pf);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xRead(f->real, buf, amt, off);
}

int x_write(sqlite3_file* pf, const void* buf, int amt, sqlite3_int64 off) {
  File* f = file_of(pf);
  if (f->wal) {
    if (f->held && off == f->held_offset + kFrameHeaderBytes) {
      // The page of the held header: both in one write.
      f->held = false;
      std::vector<unsigned char>& frame = *f->frame;
      frame.resize(static_cast<std::size_t>(kFrameHeaderBytes + amt));
      std::memcpy(frame.data(), f->header, kFrameHeaderBytes);
      std::memcpy(frame.data() + kFrameHeaderBytes, buf, static_cast<std::size_t>(amt));
      return f->real->pMethods->xWrite(f->real, frame.data(), kFrameHeaderBytes + amt,
                                       f->held_offset);
    }
    if (int rc = flush(f); rc != SQLITE_OK) return rc;
    // The WAL file header is 32 bytes and never followed by a page; a frame header is 24.
    if (amt == kFrameHeaderBytes && f->frame != nullptr) {
      std::memcpy(f->header, buf, kFrameHeaderBytes);
      f->held_offset = off;
      f->held = true;
      return SQLITE_OK;
    }
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
  f->held = false;
  f->held_offset = 0;
  f->frame = nullptr;
  f->base.pMethods = nullptr;
  int rc = unix_vfs->xOpen(unix_vfs, name, f->real, flags, out_flags);
  if (f->real->pMethods == nullptr) return rc;  // nothing opened: SQLite calls no method
  if (f->real->pMethods->iVersion < 3) {
    // Our methods are version 3 (shared memory, mmap); the unix VFS's always are.
    f->real->pMethods->xClose(f->real);
    return SQLITE_CANTOPEN;
  }
  // The frame buffer is what enables holding headers back (none: every write goes through).
  if (f->wal) f->frame = new (std::nothrow) std::vector<unsigned char>();
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
