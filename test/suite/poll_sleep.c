// nanosleep (wasi-libc: poll_oneoff on a relative clock) of 50 ms really waits at least
// 50 ms as measured by the MONOTONIC clock.
#include <stdio.h>
#include <time.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  struct timespec a, b, req = {0, 50000000};
  CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0, "clock_gettime failed");
  CHECK(nanosleep(&req, NULL) == 0, "nanosleep failed");
  CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0, "clock_gettime failed");
  long long ns = (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
  CHECK(ns >= 50000000LL, "slept only %lld ns", ns);
  CHECK(ns < 5000000000LL, "slept %lld ns", ns);
  puts("ok");
  return 0;
}
