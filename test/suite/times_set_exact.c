/* path_filestat_set_times with explicit ATIM|MTIM values is read back exactly by path_filestat_get (values chosen to be exact in binary seconds: .25 s and .5 s), on a file and on a directory.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  const __wasi_timestamp_t atim = 1600000000250000000ull, mtim = 1500000000500000000ull;
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", atim, mtim,
                                           __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, FOLLOW, "hello.txt", &st));
  CHECK(st.atim == atim, "atim %llu, want %llu", (unsigned long long)st.atim, (unsigned long long)atim);
  CHECK(st.mtim == mtim, "mtim %llu, want %llu", (unsigned long long)st.mtim, (unsigned long long)mtim);
  /* Setting only MTIM leaves atim alone. */
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, FOLLOW, "hello.txt", 0, 1400000000000000000ull, __WASI_FSTFLAGS_MTIM));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.mtim == 1400000000000000000ull, "mtim %llu after MTIM-only set", (unsigned long long)st.mtim);
  CHECK(st.atim == atim, "atim %llu changed by MTIM-only set", (unsigned long long)st.atim);
  /* Directories too. */
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, FOLLOW, "sub", atim, mtim, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub", &st));
  CHECK(st.atim == atim && st.mtim == mtim, "sub atim %llu mtim %llu", (unsigned long long)st.atim, (unsigned long long)st.mtim);
  printf("ok\n");
  return 0;
}
