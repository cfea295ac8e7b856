// fd_fdstat_set_rights can drop rights: afterwards fd_fdstat_get reports the narrower set,
// a write fails with ENOTCAPABLE, reads still work, and rights cannot be regained
// (ENOTCAPABLE).
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDWR);
  CHECK(fd >= 0, "open failed");
  __wasi_fdstat_t st;
  CHECK(__wasi_fd_fdstat_get(fd, &st) == 0, "fdstat_get failed");
  __wasi_rights_t orig = st.fs_rights_base;
  CHECK(orig & __WASI_RIGHTS_FD_WRITE, "no FD_WRITE to begin with");
  __wasi_rights_t narrowed = orig & ~(__WASI_RIGHTS_FD_WRITE);
  __wasi_errno_t e = __wasi_fd_fdstat_set_rights(fd, narrowed, st.fs_rights_inheriting);
  CHECK(e == 0, "set_rights errno %d", e);
  CHECK(__wasi_fd_fdstat_get(fd, &st) == 0, "fdstat_get failed");
  CHECK(!(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE), "FD_WRITE still reported");
  CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_READ, "FD_READ lost");

  __wasi_ciovec_t ciov = {(const uint8_t *)"X", 1};
  __wasi_size_t n = 0;
  e = __wasi_fd_write(fd, &ciov, 1, &n);
  CHECK(e == __WASI_ERRNO_NOTCAPABLE, "fd_write without FD_WRITE errno %d, want ENOTCAPABLE(76)", e);
  char c = 0;
  __wasi_iovec_t iov = {(uint8_t *)&c, 1};
  e = __wasi_fd_read(fd, &iov, 1, &n);
  CHECK(e == 0 && n == 1 && c == 'h', "fd_read errno %d", e);

  e = __wasi_fd_fdstat_set_rights(fd, orig, st.fs_rights_inheriting);
  CHECK(e == __WASI_ERRNO_NOTCAPABLE, "widening rights errno %d, want ENOTCAPABLE(76)", e);
  CHECK(__wasi_fd_fdstat_get(fd, &st) == 0, "fdstat_get failed");
  CHECK(!(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE), "FD_WRITE regained");
  puts("ok");
  return 0;
}
