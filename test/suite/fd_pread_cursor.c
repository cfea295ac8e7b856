// fd_pread reads at the given offset without moving the file cursor.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDONLY); /* "hello world\n" */
  CHECK(fd >= 0, "open failed");
  char buf[8] = {0};
  __wasi_iovec_t iov = {(uint8_t *)buf, 2};
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_fd_read(fd, &iov, 1, &n);
  CHECK(e == 0 && n == 2, "fd_read errno %d n %u", e, (unsigned)n);
  iov.buf_len = 5;
  e = __wasi_fd_pread(fd, &iov, 1, 6, &n);
  CHECK(e == 0 && n == 5, "fd_pread errno %d n %u", e, (unsigned)n);
  CHECK(memcmp(buf, "world", 5) == 0, "fd_pread got '%.5s'", buf);
  __wasi_filesize_t pos = 99;
  e = __wasi_fd_tell(fd, &pos);
  CHECK(e == 0 && pos == 2, "fd_tell errno %d pos %llu, want 2", e, (unsigned long long)pos);
  iov.buf_len = 3;
  e = __wasi_fd_read(fd, &iov, 1, &n);
  CHECK(e == 0 && n == 3 && memcmp(buf, "llo", 3) == 0, "fd_read after pread: errno %d n %u '%.3s'", e, (unsigned)n, buf);
  /* pread past the end of the file: 0 bytes, no error */
  e = __wasi_fd_pread(fd, &iov, 1, 1000, &n);
  CHECK(e == 0 && n == 0, "fd_pread past EOF errno %d n %u", e, (unsigned)n);
  /* pread straddling EOF: short read */
  iov.buf_len = 8;
  e = __wasi_fd_pread(fd, &iov, 1, 10, &n);
  CHECK(e == 0 && n == 2 && memcmp(buf, "d\n", 2) == 0, "fd_pread at 10 errno %d n %u", e, (unsigned)n);
  e = __wasi_fd_tell(fd, &pos);
  CHECK(e == 0 && pos == 5, "fd_tell errno %d pos %llu, want 5", e, (unsigned long long)pos);
  puts("ok");
  return 0;
}
