// fd_renumber from a descriptor that is not open fails with EBADF and leaves the target open.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/digits.txt", O_RDONLY);
  CHECK(fd >= 0, "open failed");
  __wasi_errno_t e = __wasi_fd_renumber(99, fd);
  CHECK(e == __WASI_ERRNO_BADF, "fd_renumber(99, fd) errno %d, want EBADF(8)", e);
  char c = 0;
  __wasi_iovec_t iov = {(uint8_t *)&c, 1};
  __wasi_size_t n = 0;
  e = __wasi_fd_read(fd, &iov, 1, &n);
  CHECK(e == 0 && n == 1 && c == '0', "target fd damaged: errno %d n %u", e, (unsigned)n);
  puts("ok");
  return 0;
}
