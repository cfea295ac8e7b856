// fd_seek with a whence value outside the enum (3, 255) fails with EINVAL.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/digits.txt", O_RDONLY);
  CHECK(fd >= 0, "open failed");
  __wasi_filesize_t pos = 0;
  __wasi_errno_t e = __wasi_fd_seek(fd, 0, 3, &pos);
  CHECK(e == __WASI_ERRNO_INVAL, "whence 3 errno %d, want EINVAL(28)", e);
  e = __wasi_fd_seek(fd, 1, 255, &pos);
  CHECK(e == __WASI_ERRNO_INVAL, "whence 255 errno %d, want EINVAL(28)", e);
  e = __wasi_fd_tell(fd, &pos);
  CHECK(e == 0 && pos == 0, "cursor moved to %llu", (unsigned long long)pos);
  puts("ok");
  return 0;
}
