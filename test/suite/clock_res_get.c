// clock_res_get succeeds for REALTIME and MONOTONIC with a non-zero resolution.
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_timestamp_t res = 0;
  __wasi_errno_t e = __wasi_clock_res_get(__WASI_CLOCKID_REALTIME, &res);
  CHECK(e == 0, "res_get(REALTIME) errno %d", e);
  CHECK(res > 0, "REALTIME resolution is 0");
  CHECK(res <= 1000000000ull, "REALTIME resolution %llu ns > 1 s", (unsigned long long)res);
  res = 0;
  e = __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res);
  CHECK(e == 0, "res_get(MONOTONIC) errno %d", e);
  CHECK(res > 0, "MONOTONIC resolution is 0");
  CHECK(res <= 1000000000ull, "MONOTONIC resolution %llu ns > 1 s", (unsigned long long)res);
  puts("ok");
  return 0;
}
