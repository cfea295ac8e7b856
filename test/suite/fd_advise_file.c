// fd_advise accepts every advice value (NORMAL..NOREUSE) on a file, including ranges past
// EOF, without changing the file; a bad descriptor gives EBADF.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDONLY);
  CHECK(fd >= 0, "open failed");
  for (__wasi_advice_t a = __WASI_ADVICE_NORMAL; a <= __WASI_ADVICE_NOREUSE; a++) {
    __wasi_errno_t e = __wasi_fd_advise(fd, 0, 12, a);
    CHECK(e == 0, "fd_advise(advice %d) errno %d", a, e);
    e = __wasi_fd_advise(fd, 100, 1000, a);
    CHECK(e == 0, "fd_advise(advice %d, past EOF) errno %d", a, e);
  }
  char buf[16] = {0};
  CHECK(pread(fd, buf, 16, 0) == 12 && memcmp(buf, "hello world\n", 12) == 0, "content changed");
  __wasi_errno_t e = __wasi_fd_advise(555, 0, 10, __WASI_ADVICE_NORMAL);
  CHECK(e == __WASI_ERRNO_BADF, "fd_advise(555) errno %d, want EBADF(8)", e);
  puts("ok");
  return 0;
}
