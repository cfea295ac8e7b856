/* fd_readdir lists ".", ".." and every entry exactly once with the right d_type (DIRECTORY, REGULAR_FILE, SYMBOLIC_LINK) and d_namlen; entries' d_ino is nonzero and equals path_filestat_get's ino (no-follow); a buffer not filled up means the end was reached.
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

static uint8_t buf[4096];
int main(void) {
  __wasi_fd_t dir;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "rd"));
  EXPECT_OK(put_file(ROOT, "rd/a.txt", "abc"));
  EXPECT_OK(__wasi_path_create_directory(ROOT, "rd/d"));
  EXPECT_OK(__wasi_path_symlink("a.txt", ROOT, "rd/l"));
  EXPECT_OK(open_at(ROOT, 0, "rd", __WASI_OFLAGS_DIRECTORY, &dir));
  __wasi_size_t used;
  EXPECT_OK(__wasi_fd_readdir(dir, buf, sizeof buf, 0, &used));
  CHECK(used < sizeof buf, "bufused %u == buf_len for a 5-entry directory", (unsigned)used);
  static const char *names[] = {".", "..", "a.txt", "d", "l"};
  static const __wasi_filetype_t types[] = {__WASI_FILETYPE_DIRECTORY, __WASI_FILETYPE_DIRECTORY,
                                            __WASI_FILETYPE_REGULAR_FILE, __WASI_FILETYPE_DIRECTORY,
                                            __WASI_FILETYPE_SYMBOLIC_LINK};
  int seen[5] = {0};
  size_t off = 0;
  while (off < used) {
    CHECK(off + sizeof(__wasi_dirent_t) <= used, "truncated dirent header at offset %u (used %u)", (unsigned)off, (unsigned)used);
    __wasi_dirent_t de;
    memcpy(&de, buf + off, sizeof de);
    off += sizeof de;
    CHECK(off + de.d_namlen <= used, "truncated name at offset %u", (unsigned)off);
    char name[64];
    CHECK(de.d_namlen < sizeof name, "d_namlen %u too long", (unsigned)de.d_namlen);
    memcpy(name, buf + off, de.d_namlen);
    name[de.d_namlen] = 0;
    off += de.d_namlen;
    int k = -1;
    for (int i = 0; i < 5; i++) if (strcmp(name, names[i]) == 0) k = i;
    CHECK(k >= 0, "unexpected entry \"%s\"", name);
    seen[k]++;
    CHECK(de.d_type == types[k], "\"%s\" d_type %d, want %d", name, de.d_type, types[k]);
    if (k >= 2) {
      __wasi_filestat_t st;
      EXPECT_OK(__wasi_path_filestat_get(dir, 0, name, &st));
      CHECK(de.d_ino != 0, "\"%s\" d_ino is 0", name);
      CHECK(de.d_ino == st.ino, "\"%s\" d_ino %llu != filestat ino %llu", name, (unsigned long long)de.d_ino, (unsigned long long)st.ino);
    }
  }
  for (int i = 0; i < 5; i++) CHECK(seen[i] == 1, "\"%s\" listed %d times", names[i], seen[i]);
  EXPECT_OK(__wasi_fd_close(dir));
  printf("ok\n");
  return 0;
}
