// fd_write on a file opened read-only fails (EBADF, or ENOTCAPABLE since the descriptor
// lacks FD_WRITE) and leaves the file unchanged.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDONLY);
  CHECK(fd >= 0, "open failed");
  __wasi_ciovec_t iov = {(const uint8_t *)"XXXX", 4};
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_fd_write(fd, &iov, 1, &n);
  CHECK(e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE, "fd_write errno %d, want EBADF(8) or ENOTCAPABLE(76)", e);
  e = __wasi_fd_pwrite(fd, &iov, 1, 0, &n);
  CHECK(e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE, "fd_pwrite errno %d, want EBADF(8) or ENOTCAPABLE(76)", e);
  char buf[32] = {0};
  ssize_t r = pread(fd, buf, sizeof buf, 0);
  CHECK(r == 12 && memcmp(buf, "hello world\n", 12) == 0, "file changed: %zd '%s'", r, buf);
  puts("ok");
  return 0;
}
