/* path_unlink_file on a directory fails with EISDIR (as on Linux and in wasmtime there), with or without a trailing slash, and removes nothing.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "emptydir"));
  EXPECT_ERRNO(__wasi_path_unlink_file(ROOT, "emptydir"), __WASI_ERRNO_ISDIR);
  EXPECT_ERRNO(__wasi_path_unlink_file(ROOT, "emptydir/"), __WASI_ERRNO_ISDIR);
  EXPECT_ERRNO(__wasi_path_unlink_file(ROOT, "sub"), __WASI_ERRNO_ISDIR);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "emptydir", &st));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/inner.txt", &st));
  printf("ok\n");
  return 0;
}
