// fd_filestat_set_times with ATIM_NOW|MTIM_NOW sets both timestamps to the current time
// (within a few seconds of the REALTIME clock).
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

#define SLACK 5000000000ull /* 5 s: filesystem timestamp granularity and clock skew */

int main(void) {
  int fd = open("/hello.txt", O_RDWR);
  CHECK(fd >= 0, "open failed");
  /* first move both times far into the past */
  const __wasi_timestamp_t old = 1000000000000000000ull; /* 2001 */
  __wasi_errno_t e = __wasi_fd_filestat_set_times(fd, old, old, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM);
  CHECK(e == 0, "set_times(old) errno %d", e);
  __wasi_timestamp_t before = 0, after = 0;
  CHECK(__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &before) == 0, "clock failed");
  e = __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW);
  CHECK(e == 0, "set_times(NOW) errno %d", e);
  CHECK(__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &after) == 0, "clock failed");
  __wasi_filestat_t st;
  CHECK(__wasi_fd_filestat_get(fd, &st) == 0, "filestat_get failed");
  CHECK(st.atim + SLACK >= before && st.atim <= after + SLACK, "atim %llu not near now %llu",
        (unsigned long long)st.atim, (unsigned long long)before);
  CHECK(st.mtim + SLACK >= before && st.mtim <= after + SLACK, "mtim %llu not near now %llu",
        (unsigned long long)st.mtim, (unsigned long long)before);
  puts("ok");
  return 0;
}
