// fd_renumber(fd, fd) succeeds and leaves the descriptor open, with its cursor intact.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/digits.txt", O_RDONLY);
  CHECK(fd >= 0, "open failed");
  __wasi_filesize_t pos;
  CHECK(__wasi_fd_seek(fd, 3, __WASI_WHENCE_SET, &pos) == 0, "seek failed");
  __wasi_errno_t e = __wasi_fd_renumber(fd, fd);
  CHECK(e == 0, "fd_renumber(fd, fd) errno %d", e);
  char c = 0;
  __wasi_iovec_t iov = {(uint8_t *)&c, 1};
  __wasi_size_t n = 0;
  e = __wasi_fd_read(fd, &iov, 1, &n);
  CHECK(e == 0 && n == 1 && c == '3', "read after renumber: errno %d n %u c '%c'", e, (unsigned)n, c);
  puts("ok");
  return 0;
}
