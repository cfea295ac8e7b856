// MONOTONIC never goes backwards across many reads, and advances across a 10 ms sleep.
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

static __wasi_subscription_t sub;
static __wasi_event_t ev;

int main(void) {
  __wasi_timestamp_t prev = 0, now = 0;
  __wasi_errno_t e = __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &prev);
  CHECK(e == 0, "time_get errno %d", e);
  for (int i = 0; i < 20000; i++) {
    e = __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &now);
    CHECK(e == 0, "time_get errno %d", e);
    CHECK(now >= prev, "went backwards at %d: %llu -> %llu", i, (unsigned long long)prev,
          (unsigned long long)now);
    prev = now;
  }
  sub.u.tag = __WASI_EVENTTYPE_CLOCK;
  sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  sub.u.u.clock.timeout = 10000000; /* 10 ms */
  __wasi_size_t n = 0;
  e = __wasi_poll_oneoff(&sub, &ev, 1, &n);
  CHECK(e == 0 && n == 1, "poll_oneoff errno %d n %u", e, (unsigned)n);
  e = __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &now);
  CHECK(e == 0, "time_get errno %d", e);
  CHECK(now - prev >= 10000000, "advanced only %llu ns across a 10 ms sleep",
        (unsigned long long)(now - prev));
  puts("ok");
  return 0;
}
