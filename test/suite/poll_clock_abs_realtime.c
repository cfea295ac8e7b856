// poll_oneoff with an absolute REALTIME deadline (SUBSCRIPTION_CLOCK_ABSTIME) returns once the
// wall clock has reached the deadline (1 ms slack for millisecond wall clocks), not
// immediately and not after a long delay. The deadline is 300 ms away, not less: the preview1
// adapter of a component answers OVERFLOW for an absolute deadline already past when it polls, so a
// shorter one turned a stall of the loaded test machine between two calls into a failure.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

static __wasi_timestamp_t now(__wasi_clockid_t id) {
  __wasi_timestamp_t t = 0;
  if (__wasi_clock_time_get(id, 1, &t) != 0) return 0;
  return t;
}

int main(void) {
  __wasi_subscription_t sub;
  memset(&sub, 0, sizeof sub);
  sub.userdata = 7;
  sub.u.tag = __WASI_EVENTTYPE_CLOCK;
  sub.u.u.clock.id = __WASI_CLOCKID_REALTIME;
  __wasi_timestamp_t m0 = now(__WASI_CLOCKID_MONOTONIC);
  __wasi_timestamp_t deadline = now(__WASI_CLOCKID_REALTIME) + 300000000; /* +300 ms */
  sub.u.u.clock.timeout = deadline;
  sub.u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
  __wasi_event_t ev;
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_poll_oneoff(&sub, &ev, 1, &n);
  __wasi_timestamp_t r1 = now(__WASI_CLOCKID_REALTIME);
  __wasi_timestamp_t dm = now(__WASI_CLOCKID_MONOTONIC) - m0;
  CHECK(e == 0 && n == 1, "poll_oneoff errno %d n %u", e, (unsigned)n);
  CHECK(ev.userdata == 7 && ev.error == 0 && ev.type == __WASI_EVENTTYPE_CLOCK, "bad event: userdata %llu error %d type %d",
        (unsigned long long)ev.userdata, ev.error, ev.type);
  CHECK(r1 + 1000000 >= deadline, "woke %llu ns before the realtime deadline", (unsigned long long)(deadline - r1));
  CHECK(dm >= 290000000, "only %llu ns elapsed (monotonic) for a 300 ms deadline", (unsigned long long)dm);
  CHECK(dm < 5000000000ull, "took %llu ns", (unsigned long long)dm);
  puts("ok");
  return 0;
}
