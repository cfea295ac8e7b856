// random_get overwrites the whole buffer (and nothing after it) with random bytes; two
// calls give different data.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

static uint8_t a[256 + 16], b[256];

int main(void) {
  memset(a, 0, sizeof a);
  memset(a + 256, 0xAB, 16);
  __wasi_errno_t e = __wasi_random_get(a, 256);
  CHECK(e == 0, "random_get errno %d", e);
  for (int i = 256; i < 256 + 16; i++) CHECK(a[i] == 0xAB, "random_get wrote past the buffer at %d", i);
  /* each 32-byte chunk must have been written: an all-zero 32-byte chunk has probability 2^-256 */
  for (int c = 0; c < 8; c++) {
    int nz = 0;
    for (int i = 0; i < 32; i++) nz |= a[c * 32 + i];
    CHECK(nz, "chunk %d of the buffer is still all zero", c);
  }
  e = __wasi_random_get(b, 256);
  CHECK(e == 0, "random_get errno %d", e);
  CHECK(memcmp(a, b, 256) != 0, "two random_get calls returned identical data");
  puts("ok");
  return 0;
}
