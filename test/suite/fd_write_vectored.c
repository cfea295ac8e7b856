// fd_write gathers several iovecs, including zero-length ones, into one contiguous write
// and reports the total byte count.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/vec.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0, "open failed");
  static const char empty[1] = "";
  __wasi_ciovec_t iov[6] = {
    {(const uint8_t *)empty, 0},
    {(const uint8_t *)"ab", 2},
    {(const uint8_t *)empty, 0},
    {(const uint8_t *)"cde", 3},
    {(const uint8_t *)empty, 0},
    {(const uint8_t *)"fghij", 5},
  };
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_fd_write(fd, iov, 6, &n);
  CHECK(e == 0, "fd_write errno %d", e);
  CHECK(n == 10, "nwritten %u, want 10", (unsigned)n);
  /* all-empty iovec list: writes nothing */
  e = __wasi_fd_write(fd, iov, 1, &n);
  CHECK(e == 0 && n == 0, "zero-length fd_write errno %d n %u", e, (unsigned)n);
  /* zero iovecs */
  e = __wasi_fd_write(fd, iov, 0, &n);
  CHECK(e == 0 && n == 0, "fd_write with 0 iovecs errno %d n %u", e, (unsigned)n);
  char buf[32] = {0};
  CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek failed");
  ssize_t r = read(fd, buf, sizeof buf);
  CHECK(r == 10, "read back %zd bytes, want 10", r);
  CHECK(memcmp(buf, "abcdefghij", 10) == 0, "content '%.10s'", buf);
  puts("ok");
  return 0;
}
