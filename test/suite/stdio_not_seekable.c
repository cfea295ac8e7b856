// stdout is a stream: fd_seek, fd_tell and fd_pwrite on it fail with ESPIPE.
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_filesize_t pos = 777;
  __wasi_errno_t e = __wasi_fd_seek(1, 0, __WASI_WHENCE_CUR, &pos);
  CHECK(e == __WASI_ERRNO_SPIPE, "fd_seek(stdout) errno %d, want ESPIPE(70)", e);
  e = __wasi_fd_seek(1, 0, __WASI_WHENCE_SET, &pos);
  CHECK(e == __WASI_ERRNO_SPIPE, "fd_seek(stdout, SET) errno %d, want ESPIPE(70)", e);
  e = __wasi_fd_tell(1, &pos);
  CHECK(e == __WASI_ERRNO_SPIPE, "fd_tell(stdout) errno %d, want ESPIPE(70)", e);
  __wasi_ciovec_t iov = {(const uint8_t *)"X", 1};
  __wasi_size_t n = 0;
  e = __wasi_fd_pwrite(1, &iov, 1, 0, &n);
  CHECK(e == __WASI_ERRNO_SPIPE, "fd_pwrite(stdout) errno %d, want ESPIPE(70)", e);
  puts("ok");
  return 0;
}
