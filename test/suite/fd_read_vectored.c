// fd_read scatters data across several iovecs (skipping zero-length ones) in order, and
// returns the number of bytes read when the file ends before the buffers are full.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDONLY); /* "hello world\n" */
  CHECK(fd >= 0, "open failed");
  char a[4], z[1] = {'Z'}, b[3], c[64];
  memset(c, '#', sizeof c);
  __wasi_iovec_t iov[5] = {
    {(uint8_t *)a, 4}, {(uint8_t *)z, 0}, {(uint8_t *)b, 3}, {(uint8_t *)z, 0}, {(uint8_t *)c, 64},
  };
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_fd_read(fd, iov, 5, &n);
  CHECK(e == 0, "fd_read errno %d", e);
  CHECK(n == 12, "nread %u, want 12", (unsigned)n);
  CHECK(memcmp(a, "hell", 4) == 0, "iov0 '%.4s'", a);
  CHECK(memcmp(b, "o w", 3) == 0, "iov2 '%.3s'", b);
  CHECK(memcmp(c, "orld\n", 5) == 0, "iov4 '%.5s'", c);
  CHECK(c[5] == '#', "fd_read wrote past the data read");
  CHECK(z[0] == 'Z', "zero-length iovec was written");
  puts("ok");
  return 0;
}
