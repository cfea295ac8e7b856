/* path_remove_directory on a regular file fails with ENOTDIR (with or without a trailing slash) and leaves the file.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_ERRNO(__wasi_path_remove_directory(ROOT, "hello.txt"), __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO(__wasi_path_remove_directory(ROOT, "hello.txt/"), __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO(__wasi_path_remove_directory(ROOT, "sub/inner.txt"), __WASI_ERRNO_NOTDIR);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  printf("ok\n");
  return 0;
}
