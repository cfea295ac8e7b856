// Reading at end of file succeeds with 0 bytes (repeatedly); a short read returns what is left.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/digits.txt", O_RDONLY); /* "0123456789" */
  CHECK(fd >= 0, "open failed");
  char buf[8];
  __wasi_iovec_t iov = {(uint8_t *)buf, 8};
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_fd_read(fd, &iov, 1, &n);
  CHECK(e == 0 && n == 8, "first read errno %d n %u, want 8", e, (unsigned)n);
  e = __wasi_fd_read(fd, &iov, 1, &n);
  CHECK(e == 0 && n == 2, "second read errno %d n %u, want 2", e, (unsigned)n);
  CHECK(memcmp(buf, "89", 2) == 0, "second read '%.2s'", buf);
  for (int i = 0; i < 3; i++) {
    n = 99;
    e = __wasi_fd_read(fd, &iov, 1, &n);
    CHECK(e == 0 && n == 0, "read at EOF errno %d n %u, want 0", e, (unsigned)n);
  }
  puts("ok");
  return 0;
}
