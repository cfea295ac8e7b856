/* Paging through fd_readdir with a small buffer, resuming each time from the d_next cookie of the last complete entry, lists every entry exactly once (no duplicates, no misses), ending with bufused < buf_len.
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

#define NFILES 20
static uint8_t buf[100];
int main(void) {
  __wasi_fd_t dir;
  char name[64];
  EXPECT_OK(__wasi_path_create_directory(ROOT, "rd"));
  for (int i = 0; i < NFILES; i++) {
    snprintf(name, sizeof name, "rd/file_%02d", i);
    EXPECT_OK(put_file(ROOT, name, ""));
  }
  EXPECT_OK(open_at(ROOT, 0, "rd", __WASI_OFLAGS_DIRECTORY, &dir));
  int seen[NFILES] = {0}, dots = 0, dotdots = 0, calls = 0;
  __wasi_dircookie_t cookie = 0;
  for (;;) {
    __wasi_size_t used;
    EXPECT_OK(__wasi_fd_readdir(dir, buf, sizeof buf, cookie, &used));
    CHECK(++calls < 200, "no end of directory after 200 calls");
    size_t off = 0;
    int complete = 0;
    while (off + sizeof(__wasi_dirent_t) <= used) {
      __wasi_dirent_t de;
      memcpy(&de, buf + off, sizeof de);
      if (off + sizeof de + de.d_namlen > used) break; /* name cut off */
      CHECK(de.d_namlen < sizeof name, "d_namlen %u", (unsigned)de.d_namlen);
      memcpy(name, buf + off + sizeof de, de.d_namlen);
      name[de.d_namlen] = 0;
      off += sizeof de + de.d_namlen;
      complete++;
      cookie = de.d_next;
      int k;
      if (strcmp(name, ".") == 0) dots++;
      else if (strcmp(name, "..") == 0) dotdots++;
      else if (sscanf(name, "file_%d", &k) == 1 && k >= 0 && k < NFILES) seen[k]++;
      else FAIL("unexpected entry \"%s\"", name);
    }
    if (used < sizeof buf) break; /* end of directory */
    CHECK(complete > 0, "a full %u-byte buffer held no complete entry", (unsigned)sizeof buf);
  }
  CHECK(dots == 1 && dotdots == 1, "\".\" seen %d times, \"..\" %d times", dots, dotdots);
  for (int i = 0; i < NFILES; i++) CHECK(seen[i] == 1, "file_%02d seen %d times", i, seen[i]);
  CHECK(calls > 3, "only %d calls: buffer too big for the test to mean anything", calls);
  EXPECT_OK(__wasi_fd_close(dir));
  printf("ok\n");
  return 0;
}
