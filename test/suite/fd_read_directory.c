// fd_read on a directory descriptor fails with EISDIR (accepted: EBADF, as wasmtime).
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/subdir", O_RDONLY | O_DIRECTORY);
  CHECK(fd >= 0, "open(/subdir) failed");
  char buf[16];
  __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_fd_read(fd, &iov, 1, &n);
  CHECK(e == __WASI_ERRNO_ISDIR || e == __WASI_ERRNO_BADF, "fd_read(dir) errno %d, want EISDIR(31) or EBADF(8)", e);
  puts("ok");
  return 0;
}
