/* path_rename with a missing source, or into a missing directory, fails with ENOENT.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "missing.txt", ROOT, "x.txt"), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "nope/missing.txt", ROOT, "x.txt"), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "hello.txt", ROOT, "nope/x.txt"), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "x.txt", &st), __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  printf("ok\n");
  return 0;
}
