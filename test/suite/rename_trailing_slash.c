/* path_rename of a regular file with a trailing slash on the source or destination name fails with ENOTDIR.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "hello.txt", ROOT, "moved/"), __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "hello.txt/", ROOT, "moved"), __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "hello.txt/", ROOT, "moved/"), __WASI_ERRNO_NOTDIR);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "moved", &st), __WASI_ERRNO_NOENT);
  printf("ok\n");
  return 0;
}
