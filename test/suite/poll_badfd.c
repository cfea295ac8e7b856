// Subscribing to FD_READ on a descriptor that is not open is reported as EBADF, promptly:
// either as an FD_READ event with error EBADF (preferred), or, as wasmtime does, by
// poll_oneoff itself failing with EBADF.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_subscription_t sub[2];
  memset(sub, 0, sizeof sub);
  sub[0].userdata = 5;
  sub[0].u.tag = __WASI_EVENTTYPE_FD_READ;
  sub[0].u.u.fd_read.file_descriptor = 99;
  sub[1].userdata = 6;
  sub[1].u.tag = __WASI_EVENTTYPE_CLOCK;
  sub[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  sub[1].u.u.clock.timeout = 5000000000ull;
  __wasi_event_t ev[2];
  memset(ev, 0, sizeof ev);
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_poll_oneoff(sub, ev, 2, &n);
  if (e == __WASI_ERRNO_BADF) {
    puts("ok");
    return 0;
  }
  CHECK(e == 0, "poll_oneoff errno %d, want 0 or EBADF(8)", e);
  CHECK(n == 1, "nevents %u, want 1", (unsigned)n);
  CHECK(ev[0].userdata == 5, "userdata %llu, want 5 (the bad fd subscription)", (unsigned long long)ev[0].userdata);
  CHECK(ev[0].type == __WASI_EVENTTYPE_FD_READ, "type %d, want FD_READ(1)", ev[0].type);
  CHECK(ev[0].error == __WASI_ERRNO_BADF, "error %d, want EBADF(8)", ev[0].error);
  puts("ok");
  return 0;
}
