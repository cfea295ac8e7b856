// random_get with length 0 succeeds and writes nothing (even with a pointer at the very end
// of memory).
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

static uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8};

int main(void) {
  __wasi_errno_t e = __wasi_random_get(buf, 0);
  CHECK(e == 0, "random_get(len 0) errno %d", e);
  for (int i = 0; i < 8; i++) CHECK(buf[i] == i + 1, "byte %d modified", i);
  /* pointer one past the end of linear memory, length 0: still in bounds */
  uint8_t *end = (uint8_t *)(__builtin_wasm_memory_size(0) * 65536);
  e = __wasi_random_get(end, 0);
  CHECK(e == 0, "random_get(end of memory, len 0) errno %d", e);
  puts("ok");
  return 0;
}
