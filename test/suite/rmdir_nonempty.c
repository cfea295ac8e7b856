/* path_remove_directory on a non-empty directory fails with ENOTEMPTY and removes nothing.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_ERRNO(__wasi_path_remove_directory(ROOT, "sub"), __WASI_ERRNO_NOTEMPTY);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/inner.txt", &st));
  /* A directory whose only entry is a subdirectory is not empty either. */
  EXPECT_OK(__wasi_path_create_directory(ROOT, "outer"));
  EXPECT_OK(__wasi_path_create_directory(ROOT, "outer/inner"));
  EXPECT_ERRNO(__wasi_path_remove_directory(ROOT, "outer"), __WASI_ERRNO_NOTEMPTY);
  printf("ok\n");
  return 0;
}
