/* path_rename of a directory into its own subtree fails with EINVAL.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "sub/deeper"));
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "sub", ROOT, "sub/inside"), __WASI_ERRNO_INVAL);
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "sub", ROOT, "sub/deeper/inside"), __WASI_ERRNO_INVAL);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/inner.txt", &st));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "sub/inside", &st), __WASI_ERRNO_NOENT);
  printf("ok\n");
  return 0;
}
