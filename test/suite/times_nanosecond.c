/* path_filestat_set_times keeps full nanosecond precision: arbitrary ns values (not representable as binary fractions of a second) are read back exactly.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  const __wasi_timestamp_t atim = 1600000000123456789ull, mtim = 1500000000987654321ull;
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", atim, mtim,
                                           __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.atim == atim, "atim %llu, want %llu", (unsigned long long)st.atim, (unsigned long long)atim);
  CHECK(st.mtim == mtim, "mtim %llu, want %llu", (unsigned long long)st.mtim, (unsigned long long)mtim);
  /* Small values near the epoch too. */
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", 1, 999999999, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.atim == 1 && st.mtim == 999999999, "atim %llu mtim %llu, want 1 and 999999999", (unsigned long long)st.atim, (unsigned long long)st.mtim);
  printf("ok\n");
  return 0;
}
