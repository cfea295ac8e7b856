/* path_create_directory below a missing directory fails with ENOENT; below a regular file with ENOTDIR.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_ERRNO(__wasi_path_create_directory(ROOT, "nope/x"), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_create_directory(ROOT, "sub/nope/x"), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_create_directory(ROOT, "hello.txt/x"), __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "nope", &st), __WASI_ERRNO_NOENT);
  printf("ok\n");
  return 0;
}
