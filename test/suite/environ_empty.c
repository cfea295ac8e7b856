// With no environment configured, environ_sizes_get reports zero entries and zero bytes.
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_size_t n = 99, sz = 99;
  __wasi_errno_t e = __wasi_environ_sizes_get(&n, &sz);
  CHECK(e == 0, "environ_sizes_get errno %d", e);
  CHECK(n == 0, "environ count %u, want 0", (unsigned)n);
  CHECK(sz == 0, "environ_buf_size %u, want 0", (unsigned)sz);
  uint8_t *ptrs[1] = {(uint8_t *)0x1234};
  uint8_t buf[1] = {0x7f};
  e = __wasi_environ_get(ptrs, buf);
  CHECK(e == 0, "environ_get errno %d", e);
  CHECK(ptrs[0] == (uint8_t *)0x1234 && buf[0] == 0x7f, "environ_get wrote to memory");
  puts("ok");
  return 0;
}
