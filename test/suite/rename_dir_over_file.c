/* path_rename of a directory over a regular file fails with ENOTDIR.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "sub", ROOT, "hello.txt"), __WASI_ERRNO_NOTDIR);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE && st.size == 12, "hello.txt changed");
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/inner.txt", &st));
  printf("ok\n");
  return 0;
}
