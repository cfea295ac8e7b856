/* path_rename of a regular file over a directory (even an empty one) fails with EISDIR.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "emptydir"));
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "hello.txt", ROOT, "emptydir"), __WASI_ERRNO_ISDIR);
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "hello.txt", ROOT, "sub"), __WASI_ERRNO_ISDIR);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "emptydir", &st));
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, "emptydir filetype %d", st.filetype);
  printf("ok\n");
  return 0;
}
