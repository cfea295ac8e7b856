// A regular file is always ready for FD_READ: poll_oneoff reports it at once (before a 5 s
// clock) with no error.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDONLY);
  CHECK(fd >= 0, "open failed");
  __wasi_subscription_t sub[2];
  memset(sub, 0, sizeof sub);
  sub[0].userdata = 0xC10C;
  sub[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  sub[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  sub[0].u.u.clock.timeout = 5000000000ull;
  sub[1].userdata = 0xF11E;
  sub[1].u.tag = __WASI_EVENTTYPE_FD_READ;
  sub[1].u.u.fd_read.file_descriptor = fd;
  __wasi_event_t ev[2];
  memset(ev, 0, sizeof ev);
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_poll_oneoff(sub, ev, 2, &n);
  CHECK(e == 0, "poll_oneoff errno %d", e);
  CHECK(n == 1, "nevents %u, want 1", (unsigned)n);
  CHECK(ev[0].userdata == 0xF11E, "userdata 0x%llx, want 0xF11E", (unsigned long long)ev[0].userdata);
  CHECK(ev[0].type == __WASI_EVENTTYPE_FD_READ, "type %d, want FD_READ(1)", ev[0].type);
  CHECK(ev[0].error == 0, "error %d", ev[0].error);
  puts("ok");
  return 0;
}
