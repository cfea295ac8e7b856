/* path_filestat_set_times without SYMLINK_FOLLOW on a symlink changes the link's own times, not the target's; with SYMLINK_FOLLOW it changes the target's.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  const __wasi_timestamp_t t1 = 1100000000000000000ull, t2 = 1200000000500000000ull, t3 = 1300000000250000000ull;
  const __wasi_fstflags_t both = __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM;
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_symlink("hello.txt", ROOT, "lnk"));
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, 0, "hello.txt", t1, t1, both));
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, 0, "lnk", t2, t2, both));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.mtim == t1, "target mtim %llu changed by no-follow set on the link, want %llu", (unsigned long long)st.mtim, (unsigned long long)t1);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "lnk", &st));
  CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK, "lnk filetype %d", st.filetype);
  CHECK(st.mtim == t2, "link mtim %llu, want %llu", (unsigned long long)st.mtim, (unsigned long long)t2);
  EXPECT_OK(__wasi_path_filestat_set_times(ROOT, FOLLOW, "lnk", t3, t3, both));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.mtim == t3 && st.atim == t3, "target atim %llu mtim %llu after follow set, want %llu", (unsigned long long)st.atim, (unsigned long long)st.mtim, (unsigned long long)t3);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "lnk", &st));
  CHECK(st.mtim == t2, "link mtim %llu changed by follow set, want %llu", (unsigned long long)st.mtim, (unsigned long long)t2);
  printf("ok\n");
  return 0;
}
