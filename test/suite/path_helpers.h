/* Helpers shared by the path, directory and symlink fixtures: raw syscalls with exact errno checks.
 * Each fixture includes this header; the built .wasm files stay self-contained. */
#ifndef ANYWASI_PATH_HELPERS_H
#define ANYWASI_PATH_HELPERS_H

#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The preopened sandbox root ("/") is always fd 3. */
#define ROOT 3
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW

#define FAIL(...) do { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } while (0)
#define CHECK(cond, ...) do { if (!(cond)) FAIL(__VA_ARGS__); } while (0)
#define EXPECT_OK(call) do { __wasi_errno_t e_ = (call); \
    if (e_ != 0) FAIL("%s -> errno %d, want success", #call, (int)e_); } while (0)
#define EXPECT_ERRNO(call, want) do { __wasi_errno_t e_ = (call); \
    if (e_ != (want)) FAIL("%s -> errno %d, want %d (%s)", #call, (int)e_, (int)(want), #want); } while (0)
#define EXPECT_ERRNO2(call, w1, w2) do { __wasi_errno_t e_ = (call); \
    if (e_ != (w1) && e_ != (w2)) FAIL("%s -> errno %d, want %d (%s) or %d (%s)", #call, (int)e_, (int)(w1), #w1, (int)(w2), #w2); } while (0)

#define WRITE_RIGHTS (__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_DATASYNC | \
                      __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE)

/* Opens `path` relative to `dir` asking for every right `dir` can pass on (as wasi-libc does),
 * minus the write rights unless `rw`; returns the errno. */
__attribute__((unused)) static __wasi_errno_t open_with(__wasi_fd_t dir, __wasi_lookupflags_t lf,
                                                        const char *path, __wasi_oflags_t of,
                                                        int rw, __wasi_fd_t *fd) {
  __wasi_fdstat_t st;
  __wasi_rights_t rights = 0;
  if (__wasi_fd_fdstat_get(dir, &st) == 0) rights = st.fs_rights_inheriting;
  if (!rw) rights &= ~(__wasi_rights_t)WRITE_RIGHTS;
  return __wasi_path_open(dir, lf, path, of, rights, rights, 0, fd);
}
/* Read-only open (also right for directories). */
__attribute__((unused)) static __wasi_errno_t open_at(__wasi_fd_t dir, __wasi_lookupflags_t lf,
                                                      const char *path, __wasi_oflags_t of,
                                                      __wasi_fd_t *fd) {
  return open_with(dir, lf, path, of, 0, fd);
}
/* Read-write open (files only). */
__attribute__((unused)) static __wasi_errno_t open_rw(__wasi_fd_t dir, __wasi_lookupflags_t lf,
                                                      const char *path, __wasi_oflags_t of,
                                                      __wasi_fd_t *fd) {
  return open_with(dir, lf, path, of, 1, fd);
}

/* Creates (or truncates) `path` under `dir` and writes `data` into it; returns the errno. */
__attribute__((unused)) static __wasi_errno_t put_file(__wasi_fd_t dir, const char *path,
                                                       const char *data) {
  __wasi_fd_t fd;
  __wasi_errno_t e = open_rw(dir, 0, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, &fd);
  if (e) return e;
  size_t len = strlen(data);
  while (len) {
    __wasi_ciovec_t iov = {(const uint8_t *)data, len};
    __wasi_size_t n;
    e = __wasi_fd_write(fd, &iov, 1, &n);
    if (e) { (void)__wasi_fd_close(fd); return e; }
    if (n == 0) { (void)__wasi_fd_close(fd); return __WASI_ERRNO_IO; }
    data += n;
    len -= n;
  }
  return __wasi_fd_close(fd);
}

/* Reads the whole of `path` (following symlinks) into buf, NUL-terminated; returns the errno. */
__attribute__((unused)) static __wasi_errno_t get_file(__wasi_fd_t dir, const char *path,
                                                       char *buf, size_t cap) {
  __wasi_fd_t fd;
  __wasi_errno_t e = open_at(dir, FOLLOW, path, 0, &fd);
  if (e) return e;
  size_t used = 0;
  for (;;) {
    __wasi_iovec_t iov = {(uint8_t *)buf + used, cap - 1 - used};
    __wasi_size_t n;
    e = __wasi_fd_read(fd, &iov, 1, &n);
    if (e) { (void)__wasi_fd_close(fd); return e; }
    if (n == 0) break;
    used += n;
    if (used == cap - 1) break;
  }
  buf[used] = 0;
  return __wasi_fd_close(fd);
}

#endif
