/* path_unlink_file removes a file; unlinking it again (or any missing name) fails with ENOENT.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_unlink_file(ROOT, "hello.txt"));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_unlink_file(ROOT, "hello.txt"), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_unlink_file(ROOT, "nope/x"), __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_unlink_file(ROOT, "sub/inner.txt"));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "sub/inner.txt", &st), __WASI_ERRNO_NOENT);
  printf("ok\n");
  return 0;
}
