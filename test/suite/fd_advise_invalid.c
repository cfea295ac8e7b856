// fd_advise with an advice value outside the enum (6, 255) fails with EINVAL.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDONLY);
  CHECK(fd >= 0, "open failed");
  __wasi_errno_t e = __wasi_fd_advise(fd, 0, 10, 6);
  CHECK(e == __WASI_ERRNO_INVAL, "advice 6 errno %d, want EINVAL(28)", e);
  e = __wasi_fd_advise(fd, 0, 10, 255);
  CHECK(e == __WASI_ERRNO_INVAL, "advice 255 errno %d, want EINVAL(28)", e);
  puts("ok");
  return 0;
}
