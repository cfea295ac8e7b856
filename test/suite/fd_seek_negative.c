// fd_seek to a negative resulting offset fails with EINVAL (SET, CUR and END) and leaves the
// cursor where it was.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/digits.txt", O_RDONLY); /* 10 bytes */
  CHECK(fd >= 0, "open failed");
  __wasi_filesize_t pos = 0;
  __wasi_errno_t e = __wasi_fd_seek(fd, 4, __WASI_WHENCE_SET, &pos);
  CHECK(e == 0 && pos == 4, "seek to 4: errno %d", e);
  e = __wasi_fd_seek(fd, -1, __WASI_WHENCE_SET, &pos);
  CHECK(e == __WASI_ERRNO_INVAL, "SET -1 errno %d, want EINVAL(28)", e);
  e = __wasi_fd_seek(fd, -5, __WASI_WHENCE_CUR, &pos);
  CHECK(e == __WASI_ERRNO_INVAL, "CUR -5 at 4 errno %d, want EINVAL(28)", e);
  e = __wasi_fd_seek(fd, -11, __WASI_WHENCE_END, &pos);
  CHECK(e == __WASI_ERRNO_INVAL, "END -11 errno %d, want EINVAL(28)", e);
  e = __wasi_fd_seek(fd, INT64_MIN, __WASI_WHENCE_CUR, &pos);
  CHECK(e == __WASI_ERRNO_INVAL, "CUR INT64_MIN errno %d, want EINVAL(28)", e);
  e = __wasi_fd_tell(fd, &pos);
  CHECK(e == 0 && pos == 4, "cursor moved to %llu after failed seeks", (unsigned long long)pos);
  /* seeking to exactly 0 from CUR is fine */
  e = __wasi_fd_seek(fd, -4, __WASI_WHENCE_CUR, &pos);
  CHECK(e == 0 && pos == 0, "CUR -4 at 4: errno %d pos %llu", e, (unsigned long long)pos);
  puts("ok");
  return 0;
}
