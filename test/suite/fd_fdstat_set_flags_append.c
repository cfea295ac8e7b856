// fd_fdstat_set_flags(APPEND) switches an open descriptor to append mode: it is reported by
// fd_fdstat_get and later writes go to the end even after seeking to 0. Clearing it restores
// positioned writes.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/digits.txt", O_RDWR); /* "0123456789" */
  CHECK(fd >= 0, "open failed");
  __wasi_errno_t e = __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND);
  CHECK(e == 0, "set_flags(APPEND) errno %d", e);
  __wasi_fdstat_t st;
  CHECK(__wasi_fd_fdstat_get(fd, &st) == 0, "fdstat_get failed");
  CHECK(st.fs_flags & __WASI_FDFLAGS_APPEND, "APPEND not reported (flags 0x%x)", st.fs_flags);
  __wasi_filesize_t pos;
  CHECK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos) == 0, "seek failed");
  CHECK(write(fd, "AB", 2) == 2, "write failed");
  e = __wasi_fd_fdstat_set_flags(fd, 0);
  CHECK(e == 0, "set_flags(0) errno %d", e);
  CHECK(__wasi_fd_fdstat_get(fd, &st) == 0 && !(st.fs_flags & __WASI_FDFLAGS_APPEND), "APPEND still set");
  CHECK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos) == 0, "seek failed");
  CHECK(write(fd, "Z", 1) == 1, "write failed");
  char buf[32] = {0};
  ssize_t r = pread(fd, buf, sizeof buf, 0);
  CHECK(r == 12 && memcmp(buf, "Z123456789AB", 12) == 0, "content %zd '%s', want 'Z123456789AB'", r, buf);
  puts("ok");
  return 0;
}
