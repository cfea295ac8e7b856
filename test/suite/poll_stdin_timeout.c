// Polling stdin (an open pipe with no data) for FD_READ together with a 50 ms clock: only
// the clock event is reported, after at least 50 ms.
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
  __wasi_subscription_t sub[2];
  memset(sub, 0, sizeof sub);
  sub[0].userdata = 10;
  sub[0].u.tag = __WASI_EVENTTYPE_FD_READ;
  sub[0].u.u.fd_read.file_descriptor = 0;
  sub[1].userdata = 20;
  sub[1].u.tag = __WASI_EVENTTYPE_CLOCK;
  sub[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  sub[1].u.u.clock.timeout = 50000000; /* 50 ms */
  __wasi_event_t ev[2];
  memset(ev, 0, sizeof ev);
  __wasi_size_t n = 0;
  __wasi_timestamp_t t0 = mono();
  __wasi_errno_t e = __wasi_poll_oneoff(sub, ev, 2, &n);
  __wasi_timestamp_t dt = mono() - t0;
  CHECK(e == 0, "poll_oneoff errno %d", e);
  CHECK(n == 1, "nevents %u, want 1 (first: userdata %llu type %d)", (unsigned)n, (unsigned long long)ev[0].userdata, ev[0].type);
  CHECK(ev[0].userdata == 20 && ev[0].type == __WASI_EVENTTYPE_CLOCK,
        "got userdata %llu type %d error %d, want the clock (20)", (unsigned long long)ev[0].userdata, ev[0].type, ev[0].error);
  CHECK(dt >= 50000000, "returned after %llu ns < 50 ms", (unsigned long long)dt);
  puts("ok");
  return 0;
}
