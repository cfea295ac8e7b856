// fd_filestat_set_times with explicit ATIM/MTIM stores both timestamps with full nanosecond
// precision; setting only one leaves the other unchanged.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDWR);
  CHECK(fd >= 0, "open failed");
  const __wasi_timestamp_t atim = 1600000000123456789ull; /* 2020-09-13 */
  const __wasi_timestamp_t mtim = 1500000000987654321ull; /* 2017-07-14 */
  __wasi_errno_t e = __wasi_fd_filestat_set_times(fd, atim, mtim, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM);
  CHECK(e == 0, "set_times errno %d", e);
  __wasi_filestat_t st;
  CHECK(__wasi_fd_filestat_get(fd, &st) == 0, "filestat_get failed");
  CHECK(st.atim == atim, "atim %llu, want %llu", (unsigned long long)st.atim, (unsigned long long)atim);
  CHECK(st.mtim == mtim, "mtim %llu, want %llu", (unsigned long long)st.mtim, (unsigned long long)mtim);

  const __wasi_timestamp_t mtim2 = 1234567890000000001ull; /* 2009-02-13 */
  e = __wasi_fd_filestat_set_times(fd, 0, mtim2, __WASI_FSTFLAGS_MTIM);
  CHECK(e == 0, "set_times(MTIM only) errno %d", e);
  CHECK(__wasi_fd_filestat_get(fd, &st) == 0, "filestat_get failed");
  CHECK(st.mtim == mtim2, "mtim %llu, want %llu", (unsigned long long)st.mtim, (unsigned long long)mtim2);
  CHECK(st.atim == atim, "atim changed to %llu though only MTIM was set", (unsigned long long)st.atim);
  puts("ok");
  return 0;
}
