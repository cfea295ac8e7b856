/* After unlinking one name of a hard-linked file, the other name still holds the data and nlink drops back to 1.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  char buf[64];
  EXPECT_OK(__wasi_path_link(ROOT, 0, "hello.txt", ROOT, "sub/keep.txt"));
  EXPECT_OK(__wasi_path_unlink_file(ROOT, "hello.txt"));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st), __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/keep.txt", &st));
  CHECK(st.nlink == 1, "nlink %llu, want 1", (unsigned long long)st.nlink);
  EXPECT_OK(get_file(ROOT, "sub/keep.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "hello world\n") == 0, "sub/keep.txt read \"%s\"", buf);
  printf("ok\n");
  return 0;
}
