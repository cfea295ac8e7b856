// REALTIME is wall-clock time in ns since the Unix epoch: after 2020-01-01, before 2200.
#include <stdio.h>
#include <time.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_timestamp_t t = 0;
  __wasi_errno_t e = __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &t);
  CHECK(e == 0, "time_get errno %d", e);
  CHECK(t > 1577836800ull * 1000000000ull, "REALTIME %llu is before 2020", (unsigned long long)t);
  CHECK(t < 7258118400ull * 1000000000ull, "REALTIME %llu is after 2200", (unsigned long long)t);
  time_t s = time(NULL);
  CHECK(s >= (time_t)(t / 1000000000ull) && s - (time_t)(t / 1000000000ull) < 10,
        "libc time() %lld disagrees with clock_time_get %llu", (long long)s, (unsigned long long)t);
  puts("ok");
  return 0;
}
