/* fd_readdir into a buffer too small for the listing fills it completely (bufused == buf_len), even when that cuts a dirent header or a name in the middle; the partial bytes match the start of a full listing (dirent padding bytes excepted).
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
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

static uint8_t full[4096], part[64], padding[4096];
int main(void) {
  __wasi_fd_t dir;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "rd"));
  EXPECT_OK(put_file(ROOT, "rd/a_rather_long_file_name_number_one.txt", ""));
  EXPECT_OK(put_file(ROOT, "rd/a_rather_long_file_name_number_two.txt", ""));
  EXPECT_OK(open_at(ROOT, 0, "rd", __WASI_OFLAGS_DIRECTORY, &dir));
  __wasi_size_t used_full, used;
  EXPECT_OK(__wasi_fd_readdir(dir, full, sizeof full, 0, &used_full));
  /* Mark the 3 padding bytes after d_type in each dirent: their content is unspecified. */
  for (size_t off = 0; off + sizeof(__wasi_dirent_t) <= used_full;) {
    __wasi_dirent_t de;
    memcpy(&de, full + off, sizeof de);
    padding[off + 21] = padding[off + 22] = padding[off + 23] = 1;
    off += sizeof de + de.d_namlen;
  }
  CHECK(used_full > 2 * 24 + 3 + 2 * 24, "full listing only %u bytes", (unsigned)used_full);
  static const __wasi_size_t sizes[] = {1, 10, 23, 24, 25, 30, 47, 48, 63};
  for (unsigned i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    __wasi_size_t len = sizes[i];
    memset(part, 0xAA, sizeof part);
    EXPECT_OK(__wasi_fd_readdir(dir, part, len, 0, &used));
    CHECK(used == len, "buf_len %u: bufused %u, want %u", (unsigned)len, (unsigned)used, (unsigned)len);
    for (__wasi_size_t j = 0; j < len; j++)
      CHECK(padding[j] || part[j] == full[j], "buf_len %u: byte %u is 0x%02x, full listing has 0x%02x",
            (unsigned)len, (unsigned)j, part[j], full[j]);
    if (len < sizeof part) CHECK(part[len] == 0xAA, "buf_len %u: wrote past the buffer", (unsigned)len);
  }
  EXPECT_OK(__wasi_fd_close(dir));
  printf("ok\n");
  return 0;
}
