// With no arguments, only the program name (argv[0]) is present.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(int argc, char **argv) {
  __wasi_size_t n = 99, sz = 0;
  __wasi_errno_t e = __wasi_args_sizes_get(&n, &sz);
  CHECK(e == 0, "args_sizes_get errno %d", e);
  CHECK(n == 1, "argc %u, want 1", (unsigned)n);
  CHECK(argc == 1, "libc argc %d", argc);
  CHECK(sz == strlen(argv[0]) + 1, "argv_buf_size %u, argv[0] '%s'", (unsigned)sz, argv[0]);
  puts("ok");
  return 0;
}
