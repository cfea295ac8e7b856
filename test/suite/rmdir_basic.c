/* path_remove_directory removes an empty directory; removing a missing one fails with ENOENT.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "gone"));
  EXPECT_OK(__wasi_path_remove_directory(ROOT, "gone"));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "gone", &st), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_remove_directory(ROOT, "gone"), __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_unlink_file(ROOT, "sub/inner.txt"));
  EXPECT_OK(__wasi_path_remove_directory(ROOT, "sub"));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "sub", &st), __WASI_ERRNO_NOENT);
  printf("ok\n");
  return 0;
}
