// random_get fills a 1 MiB buffer in one call (hosts with per-call entropy limits, such as
// Web Crypto's 64 KiB, must chunk): every byte value occurs and no 64 KiB block stays zero.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

#define N (1 << 20)

int main(void) {
  uint8_t *buf = calloc(N + 16, 1);
  CHECK(buf, "calloc failed");
  memset(buf + N, 0xCD, 16);
  __wasi_errno_t e = __wasi_random_get(buf, N);
  CHECK(e == 0, "random_get(1 MiB) errno %d", e);
  for (int i = 0; i < 16; i++) CHECK(buf[N + i] == 0xCD, "wrote past the buffer");
  static unsigned counts[256];
  for (size_t i = 0; i < N; i++) counts[buf[i]]++;
  /* expected 4096 per value; allow a very wide margin */
  for (int v = 0; v < 256; v++) CHECK(counts[v] > 3000 && counts[v] < 5200, "byte value %d occurs %u times", v, counts[v]);
  for (size_t blk = 0; blk < N; blk += 65536) {
    size_t zeros = 0;
    for (size_t i = 0; i < 65536; i++) zeros += buf[blk + i] == 0;
    CHECK(zeros < 1024, "block at %zu has %zu zero bytes (not filled?)", blk, zeros);
  }
  puts("ok");
  return 0;
}
