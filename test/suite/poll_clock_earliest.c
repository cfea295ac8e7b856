// With several clock subscriptions, poll_oneoff returns when the earliest expires and
// reports only that one.
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
  __wasi_subscription_t sub[3];
  memset(sub, 0, sizeof sub);
  __wasi_timestamp_t timeouts[3] = {3000000000ull, 20000000ull, 5000000000ull}; /* 3 s, 20 ms, 5 s */
  for (int i = 0; i < 3; i++) {
    sub[i].userdata = 100 + i;
    sub[i].u.tag = __WASI_EVENTTYPE_CLOCK;
    sub[i].u.u.clock.id = i == 2 ? __WASI_CLOCKID_REALTIME : __WASI_CLOCKID_MONOTONIC;
    sub[i].u.u.clock.timeout = timeouts[i];
  }
  __wasi_event_t ev[3];
  memset(ev, 0, sizeof ev);
  __wasi_size_t n = 0;
  __wasi_timestamp_t t0 = mono();
  __wasi_errno_t e = __wasi_poll_oneoff(sub, ev, 3, &n);
  __wasi_timestamp_t dt = mono() - t0;
  CHECK(e == 0, "poll_oneoff errno %d", e);
  CHECK(n == 1, "nevents %u, want 1", (unsigned)n);
  CHECK(ev[0].userdata == 101, "reported userdata %llu, want 101 (the 20 ms clock)", (unsigned long long)ev[0].userdata);
  CHECK(ev[0].type == __WASI_EVENTTYPE_CLOCK && ev[0].error == 0, "type %d error %d", ev[0].type, ev[0].error);
  CHECK(dt >= 20000000, "returned after %llu ns < 20 ms", (unsigned long long)dt);
  CHECK(dt < 2000000000ull, "returned after %llu ns: did not wake at the earliest clock", (unsigned long long)dt);
  puts("ok");
  return 0;
}
