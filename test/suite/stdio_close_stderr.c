// stderr is an ordinary descriptor: fd_close(2) succeeds, then writing to or closing 2
// fails with EBADF; stdout is unaffected.
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_errno_t e = __wasi_fd_close(2);
  CHECK(e == 0, "fd_close(2) errno %d", e);
  __wasi_ciovec_t iov = {(const uint8_t *)"x\n", 2};
  __wasi_size_t n = 0;
  e = __wasi_fd_write(2, &iov, 1, &n);
  CHECK(e == __WASI_ERRNO_BADF, "fd_write(closed 2) errno %d, want EBADF(8)", e);
  __wasi_fdstat_t st;
  e = __wasi_fd_fdstat_get(2, &st);
  CHECK(e == __WASI_ERRNO_BADF, "fd_fdstat_get(closed 2) errno %d, want EBADF(8)", e);
  e = __wasi_fd_close(2);
  CHECK(e == __WASI_ERRNO_BADF, "second fd_close(2) errno %d, want EBADF(8)", e);
  puts("ok");
  return 0;
}
