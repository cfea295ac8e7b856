// fd_read on a file opened write-only fails with EBADF (or ENOTCAPABLE: no FD_READ right).
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_WRONLY);
  CHECK(fd >= 0, "open failed");
  char buf[8];
  __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_fd_read(fd, &iov, 1, &n);
  CHECK(e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE, "fd_read errno %d, want EBADF(8) or ENOTCAPABLE(76)", e);
  e = __wasi_fd_pread(fd, &iov, 1, 0, &n);
  CHECK(e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE, "fd_pread errno %d, want EBADF(8) or ENOTCAPABLE(76)", e);
  puts("ok");
  return 0;
}
