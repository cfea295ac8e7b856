// fd_filestat_set_times with both ATIM and ATIM_NOW (or MTIM and MTIM_NOW) fails with
// EINVAL and changes nothing.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDWR);
  CHECK(fd >= 0, "open failed");
  const __wasi_timestamp_t t0 = 1111111111000000000ull;
  CHECK(__wasi_fd_filestat_set_times(fd, t0, t0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM) == 0, "initial set_times failed");
  const __wasi_timestamp_t t1 = 1222222222000000000ull;
  __wasi_errno_t e = __wasi_fd_filestat_set_times(fd, t1, t1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW);
  CHECK(e == __WASI_ERRNO_INVAL, "ATIM|ATIM_NOW errno %d, want EINVAL(28)", e);
  e = __wasi_fd_filestat_set_times(fd, t1, t1, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW);
  CHECK(e == __WASI_ERRNO_INVAL, "MTIM|MTIM_NOW errno %d, want EINVAL(28)", e);
  e = __wasi_fd_filestat_set_times(fd, t1, t1, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW);
  CHECK(e == __WASI_ERRNO_INVAL, "MTIM|ATIM|ATIM_NOW errno %d, want EINVAL(28)", e);
  __wasi_filestat_t st;
  CHECK(__wasi_fd_filestat_get(fd, &st) == 0, "filestat_get failed");
  CHECK(st.atim == t0 && st.mtim == t0, "times changed by a failed call: atim %llu mtim %llu",
        (unsigned long long)st.atim, (unsigned long long)st.mtim);
  puts("ok");
  return 0;
}
