// poll_oneoff with one relative clock subscription (MONOTONIC, then REALTIME) waits at least
// the timeout and reports exactly one CLOCK event carrying the subscription's userdata.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

static __wasi_timestamp_t mono(void) {
  __wasi_timestamp_t t = 0;
  if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t) != 0) return 0;
  return t;
}

int main(void) {
  __wasi_clockid_t ids[2] = {__WASI_CLOCKID_MONOTONIC, __WASI_CLOCKID_REALTIME};
  for (int i = 0; i < 2; i++) {
    __wasi_subscription_t sub;
    memset(&sub, 0, sizeof sub);
    sub.userdata = 0x1122334455667788ull + i;
    sub.u.tag = __WASI_EVENTTYPE_CLOCK;
    sub.u.u.clock.id = ids[i];
    sub.u.u.clock.timeout = 20000000; /* 20 ms */
    sub.u.u.clock.precision = 0;
    sub.u.u.clock.flags = 0;
    __wasi_event_t ev[2];
    memset(ev, 0xEE, sizeof ev);
    __wasi_size_t n = 0;
    __wasi_timestamp_t t0 = mono();
    __wasi_errno_t e = __wasi_poll_oneoff(&sub, ev, 1, &n);
    __wasi_timestamp_t dt = mono() - t0;
    CHECK(e == 0, "clock %d: poll_oneoff errno %d", (int)ids[i], e);
    CHECK(n == 1, "clock %d: nevents %u, want 1", (int)ids[i], (unsigned)n);
    CHECK(ev[0].userdata == sub.userdata, "clock %d: userdata 0x%llx", (int)ids[i], (unsigned long long)ev[0].userdata);
    CHECK(ev[0].error == 0, "clock %d: event error %d", (int)ids[i], ev[0].error);
    CHECK(ev[0].type == __WASI_EVENTTYPE_CLOCK, "clock %d: event type %d", (int)ids[i], ev[0].type);
    CHECK(dt >= 20000000, "clock %d: returned after %llu ns < 20 ms", (int)ids[i], (unsigned long long)dt);
    CHECK(dt < 5000000000ull, "clock %d: took %llu ns", (int)ids[i], (unsigned long long)dt);
  }
  puts("ok");
  return 0;
}
