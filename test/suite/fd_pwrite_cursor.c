// fd_pwrite writes at the given offset without moving the file cursor; the next fd_write
// continues at the cursor.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDWR); /* "hello world\n" */
  CHECK(fd >= 0, "open failed");
  __wasi_ciovec_t iov = {(const uint8_t *)"HE", 2};
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_fd_write(fd, &iov, 1, &n);
  CHECK(e == 0 && n == 2, "fd_write errno %d n %u", e, (unsigned)n);
  iov.buf = (const uint8_t *)"WORLD";
  iov.buf_len = 5;
  e = __wasi_fd_pwrite(fd, &iov, 1, 6, &n);
  CHECK(e == 0 && n == 5, "fd_pwrite errno %d n %u", e, (unsigned)n);
  __wasi_filesize_t pos = 99;
  e = __wasi_fd_tell(fd, &pos);
  CHECK(e == 0 && pos == 2, "fd_tell errno %d pos %llu, want 2", e, (unsigned long long)pos);
  iov.buf = (const uint8_t *)"LL";
  iov.buf_len = 2;
  e = __wasi_fd_write(fd, &iov, 1, &n);
  CHECK(e == 0 && n == 2, "fd_write errno %d n %u", e, (unsigned)n);
  char buf[32] = {0};
  ssize_t r = pread(fd, buf, sizeof buf, 0);
  CHECK(r == 12 && memcmp(buf, "HELLo WORLD\n", 12) == 0, "content %zd '%s'", r, buf);
  puts("ok");
  return 0;
}
