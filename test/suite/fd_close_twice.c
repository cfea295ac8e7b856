// fd_close succeeds once; closing the same descriptor again, or using it, fails with EBADF.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDONLY);
  CHECK(fd >= 0, "open failed");
  __wasi_errno_t e = __wasi_fd_close(fd);
  CHECK(e == 0, "first fd_close errno %d", e);
  e = __wasi_fd_close(fd);
  CHECK(e == __WASI_ERRNO_BADF, "second fd_close errno %d, want EBADF(8)", e);
  char buf[4];
  __wasi_iovec_t iov = {(uint8_t *)buf, 4};
  __wasi_size_t n;
  e = __wasi_fd_read(fd, &iov, 1, &n);
  CHECK(e == __WASI_ERRNO_BADF, "fd_read after close errno %d, want EBADF(8)", e);
  __wasi_fdstat_t st;
  e = __wasi_fd_fdstat_get(fd, &st);
  CHECK(e == __WASI_ERRNO_BADF, "fd_fdstat_get after close errno %d, want EBADF(8)", e);
  e = __wasi_fd_close(12345);
  CHECK(e == __WASI_ERRNO_BADF, "fd_close(12345) errno %d, want EBADF(8)", e);
  puts("ok");
  return 0;
}
