// Output written with fd_write right before proc_exit reaches stdout in full, including a
// last line without a trailing newline (no line buffering drops it).
#include <string.h>
#include <wasi/api.h>

int main(void) {
  static const char msg[] = "line one\npartial";
  __wasi_ciovec_t iov = {(const uint8_t *)msg, strlen(msg)};
  __wasi_size_t n = 0;
  if (__wasi_fd_write(1, &iov, 1, &n) != 0 || n != strlen(msg)) __wasi_proc_exit(1);
  __wasi_proc_exit(7);
  return 2;
}
