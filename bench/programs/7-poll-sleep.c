/* (7) N zero-timeout polls (default 10,000: poll_oneoff on a relative 0 clock) plus 20 sleeps of
 * 1 ms (nanosleep) that must not return early: each is checked against the monotonic clock,
 * from one of its ticks. */
#include <time.h>
#include "bench.h"
#ifdef __wasi__
#include <wasi/api.h>
#else
#include <poll.h>
#endif

#define SLEEPS 20

int main(int argc, char **argv) {
  long n = size_arg(argc, argv, 10000);
  long events = 0;
  for (long i = 0; i < n; i++) {
#ifdef __wasi__
    __wasi_subscription_t sub;
    memset(&sub, 0, sizeof sub);
    sub.userdata = (uint64_t)i;
    sub.u.tag = __WASI_EVENTTYPE_CLOCK;
    sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub.u.u.clock.timeout = 0;
    sub.u.u.clock.precision = 0;
    sub.u.u.clock.flags = 0;
    __wasi_event_t ev;
    __wasi_size_t nevents = 0;
    __wasi_errno_t err = __wasi_poll_oneoff(&sub, &ev, 1, &nevents);
    if (err != 0) fail("poll_oneoff %ld failed with errno %d", i, (int)err);
    if (nevents != 1 || ev.userdata != (uint64_t)i || ev.error != 0 || ev.type != __WASI_EVENTTYPE_CLOCK)
      fail("poll_oneoff %ld: bad event (n=%u)", i, (unsigned)nevents);
    events += (long)nevents;
#else
    if (poll(NULL, 0, 0) != 0) fail("poll %ld failed", i);
    events += 1;
#endif
  }
  uint64_t shortest = UINT64_MAX;
  for (int i = 0; i < SLEEPS; i++) {
    struct timespec ts = {0, 1000000};
    /* Start on a tick of the clock: a runtime whose clock counts whole milliseconds would
     * otherwise give a t0 up to 1 ms older than the real time, and a sleep ending early would
     * pass the check (measured from outside for one peer: most of its 1 ms sleeps were short).
     * A nanosecond clock ticks at the next read. */
    uint64_t t0 = now_ns(), t;
    while ((t = now_ns()) == t0) {}
    t0 = t;
    if (nanosleep(&ts, NULL) != 0) fail("nanosleep %d failed", i);
    uint64_t dt = now_ns() - t0;
    if (dt < 1000000) fail("sleep %d of 1 ms returned early, after %llu ns", i, (unsigned long long)dt);
    if (dt < shortest) shortest = dt;
  }
  result("poll-sleep polls=%ld events=%ld sleeps=%d not_early=ok", n, events, SLEEPS);
  return 0;
}
