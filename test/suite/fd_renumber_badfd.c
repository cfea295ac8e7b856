// fd_renumber from a descriptor that is not open fails with EBADF and leaves the target open;
// so does fd_renumber onto a descriptor that is not open, leaving the source open and unchanged
// (official wasi-testsuite, wasmtime: unlike dup2, a free number is not a valid target).
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
  e = __wasi_fd_renumber(fd, 99);
  CHECK(e == __WASI_ERRNO_BADF, "fd_renumber(fd, 99) errno %d, want EBADF(8)", e);
  __wasi_fdstat_t st;
  e = __wasi_fd_fdstat_get(99, &st);
  CHECK(e == __WASI_ERRNO_BADF, "fd 99 is open after a refused renumber: errno %d", e);
  e = __wasi_fd_read(fd, &iov, 1, &n);
  CHECK(e == 0 && n == 1 && c == '1', "source fd damaged: errno %d n %u c %c", e, (unsigned)n, c);
  /* The next free number, just past the table, is no valid target either. */
  e = __wasi_fd_renumber(fd, fd + 1);
  CHECK(e == __WASI_ERRNO_BADF, "fd_renumber(fd, fd + 1) errno %d, want EBADF(8)", e);
  int again = open("/digits.txt", O_RDONLY);
  CHECK(again == fd + 1, "next open got fd %d, want %d", again, fd + 1);
  puts("ok");
  return 0;
}
