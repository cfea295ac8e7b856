// poll_oneoff with an absolute MONOTONIC deadline (SUBSCRIPTION_CLOCK_ABSTIME) returns no
// earlier than the deadline; a deadline already in the past fires immediately.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

static __wasi_timestamp_t mono(void) {
  __wasi_timestamp_t t = 0;
  if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t) != 0) return 0;
  return t;
}

static int poll_abs(__wasi_timestamp_t deadline, __wasi_event_t *ev) {
  __wasi_subscription_t sub;
  memset(&sub, 0, sizeof sub);
  sub.userdata = 42;
  sub.u.tag = __WASI_EVENTTYPE_CLOCK;
  sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  sub.u.u.clock.timeout = deadline;
  sub.u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_poll_oneoff(&sub, ev, 1, &n);
  if (e != 0) return -e;
  return (int)n;
}

int main(void) {
  __wasi_event_t ev;
  __wasi_timestamp_t deadline = mono() + 30000000; /* now + 30 ms */
  int n = poll_abs(deadline, &ev);
  __wasi_timestamp_t now = mono();
  CHECK(n == 1, "poll_oneoff returned %d (negative = errno)", n);
  CHECK(ev.userdata == 42 && ev.error == 0 && ev.type == __WASI_EVENTTYPE_CLOCK, "bad event: userdata %llu error %d type %d",
        (unsigned long long)ev.userdata, ev.error, ev.type);
  CHECK(now >= deadline, "woke %llu ns before the deadline", (unsigned long long)(deadline - now));
  CHECK(now - deadline < 5000000000ull, "woke %llu ns after the deadline", (unsigned long long)(now - deadline));

  /* deadline in the past */
  __wasi_timestamp_t t0 = mono();
  n = poll_abs(t0 > 1000000000 ? t0 - 1000000000 : 1, &ev);
  __wasi_timestamp_t dt = mono() - t0;
  CHECK(n == 1 && ev.type == __WASI_EVENTTYPE_CLOCK, "past deadline: poll returned %d", n);
  CHECK(dt < 1000000000ull, "past deadline took %llu ns", (unsigned long long)dt);
  puts("ok");
  return 0;
}
