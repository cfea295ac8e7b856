// fd_write on stderr succeeds and reports every byte written; stdout stays separate.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  static const char msg[] = "this line goes to stderr\n";
  __wasi_ciovec_t iov = {(const uint8_t *)msg, strlen(msg)};
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_fd_write(2, &iov, 1, &n);
  CHECK(e == 0, "fd_write(2) errno %d", e);
  CHECK(n == strlen(msg), "nwritten %u, want %zu", (unsigned)n, strlen(msg));
  puts("ok");
  return 0;
}
