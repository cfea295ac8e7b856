/* path_filestat_set_times with both ATIM and ATIM_NOW (or MTIM and MTIM_NOW) fails with EINVAL and changes nothing.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  const __wasi_timestamp_t t = 1500000000000000000ull;
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", t, t, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  EXPECT_ERRNO(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", 7, 7,
                                              __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW), __WASI_ERRNO_INVAL);
  EXPECT_ERRNO(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", 7, 7,
                                              __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW), __WASI_ERRNO_INVAL);
  EXPECT_ERRNO(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", 7, 7,
                                              __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW), __WASI_ERRNO_INVAL);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.atim == t && st.mtim == t, "times changed by a rejected call: atim %llu mtim %llu", (unsigned long long)st.atim, (unsigned long long)st.mtim);
  printf("ok\n");
  return 0;
}
