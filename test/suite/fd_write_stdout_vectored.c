// fd_write on stdout with several iovecs (some zero-length) writes them all, in order.
#include <stdio.h>
#include <wasi/api.h>

int main(void) {
  static const char empty[1] = "";
  __wasi_ciovec_t iov[5] = {
    {(const uint8_t *)"hel", 3},
    {(const uint8_t *)empty, 0},
    {(const uint8_t *)"lo ", 3},
    {(const uint8_t *)empty, 0},
    {(const uint8_t *)"world\n", 6},
  };
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_fd_write(1, iov, 5, &n);
  if (e != 0 || n != 12) {
    printf("\nFAIL: fd_write errno %d nwritten %u, want 12\n", e, (unsigned)n);
    return 1;
  }
  puts("ok");
  return 0;
}
