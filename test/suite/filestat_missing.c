/* path_filestat_get of a missing name fails with ENOENT; through a regular file used as a directory with ENOTDIR.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "missing", &st), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, FOLLOW, "missing", &st), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "sub/missing", &st), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "missing/x", &st), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "hello.txt/x", &st), __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "hello.txt/", &st), __WASI_ERRNO_NOTDIR);
  printf("ok\n");
  return 0;
}
