// fd_tell reports the cursor: 0 after open, advanced by reads and writes, set by fd_seek.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

static int fd;
static long long tell(void) {
  __wasi_filesize_t pos = 0;
  return __wasi_fd_tell(fd, &pos) == 0 ? (long long)pos : -1;
}

int main(void) {
  fd = open("/tell.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0, "open failed");
  CHECK(tell() == 0, "after open: %lld", tell());
  __wasi_ciovec_t ciov = {(const uint8_t *)"abcdefg", 7};
  __wasi_size_t n;
  CHECK(__wasi_fd_write(fd, &ciov, 1, &n) == 0 && n == 7, "write failed");
  CHECK(tell() == 7, "after write: %lld", tell());
  __wasi_filesize_t pos;
  CHECK(__wasi_fd_seek(fd, 2, __WASI_WHENCE_SET, &pos) == 0, "seek failed");
  CHECK(tell() == 2, "after seek: %lld", tell());
  char buf[3];
  __wasi_iovec_t iov = {(uint8_t *)buf, 3};
  CHECK(__wasi_fd_read(fd, &iov, 1, &n) == 0 && n == 3, "read failed");
  CHECK(tell() == 5, "after read: %lld", tell());
  __wasi_filesize_t bogus;
  __wasi_errno_t e = __wasi_fd_tell(99, &bogus);
  CHECK(e == __WASI_ERRNO_BADF, "fd_tell(99) errno %d, want EBADF(8)", e);
  puts("ok");
  return 0;
}
