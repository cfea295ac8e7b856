/* path_create_directory makes a new directory; creating it again, or over an existing file or symlink, fails with EEXIST.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "newdir"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "newdir", &st));
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, "newdir filetype %d", st.filetype);
  EXPECT_ERRNO(__wasi_path_create_directory(ROOT, "newdir"), __WASI_ERRNO_EXIST);
  EXPECT_ERRNO(__wasi_path_create_directory(ROOT, "hello.txt"), __WASI_ERRNO_EXIST);
  EXPECT_ERRNO(__wasi_path_create_directory(ROOT, "sub"), __WASI_ERRNO_EXIST);
  EXPECT_OK(__wasi_path_symlink("missing", ROOT, "dangling"));
  EXPECT_ERRNO(__wasi_path_create_directory(ROOT, "dangling"), __WASI_ERRNO_EXIST);
  EXPECT_OK(__wasi_path_create_directory(ROOT, "newdir/nested"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "newdir/nested", &st));
  printf("ok\n");
  return 0;
}
