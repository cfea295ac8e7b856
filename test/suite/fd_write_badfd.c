// fd_write, fd_pwrite, fd_read and fd_pread on descriptors that were never opened fail with EBADF.
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_fd_t bad[] = {77, 1000, 0x7fffffff, 0xffffffff};
  char buf[4] = "abc";
  __wasi_ciovec_t ciov = {(const uint8_t *)buf, 3};
  __wasi_iovec_t iov = {(uint8_t *)buf, 3};
  for (unsigned i = 0; i < 4; i++) {
    __wasi_size_t n = 0;
    __wasi_errno_t e = __wasi_fd_write(bad[i], &ciov, 1, &n);
    CHECK(e == __WASI_ERRNO_BADF, "fd_write(%u) errno %d, want EBADF(8)", (unsigned)bad[i], e);
    e = __wasi_fd_pwrite(bad[i], &ciov, 1, 0, &n);
    CHECK(e == __WASI_ERRNO_BADF, "fd_pwrite(%u) errno %d, want EBADF(8)", (unsigned)bad[i], e);
    e = __wasi_fd_read(bad[i], &iov, 1, &n);
    CHECK(e == __WASI_ERRNO_BADF, "fd_read(%u) errno %d, want EBADF(8)", (unsigned)bad[i], e);
    e = __wasi_fd_pread(bad[i], &iov, 1, 0, &n);
    CHECK(e == __WASI_ERRNO_BADF, "fd_pread(%u) errno %d, want EBADF(8)", (unsigned)bad[i], e);
  }
  puts("ok");
  return 0;
}
