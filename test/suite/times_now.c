/* FSTFLAGS_MTIM_NOW / ATIM_NOW set the timestamp to the current realtime clock (within a few seconds) and leave the other timestamp untouched.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

#define NEAR(t, now) ((t) + 5000000000ull >= (now) && (t) <= (now) + 5000000000ull)
int main(void) {
  const __wasi_timestamp_t old = 1000000000000000000ull;
  __wasi_filestat_t st;
  __wasi_timestamp_t now;
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", old, old, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  EXPECT_OK(__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &now));
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(NEAR(st.mtim, now), "mtim %llu not near now %llu", (unsigned long long)st.mtim, (unsigned long long)now);
  CHECK(st.atim == old, "atim %llu changed by MTIM_NOW, want %llu", (unsigned long long)st.atim, (unsigned long long)old);
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", 0, old, __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(NEAR(st.atim, now), "atim %llu not near now %llu", (unsigned long long)st.atim, (unsigned long long)now);
  CHECK(st.mtim == old, "mtim %llu, want %llu", (unsigned long long)st.mtim, (unsigned long long)old);
  /* No flags at all: nothing changes. */
  __wasi_filestat_t again;
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", 5, 5, 0));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &again));
  CHECK(again.atim == st.atim && again.mtim == st.mtim, "set_times with no flags changed the times");
  printf("ok\n");
  return 0;
}
