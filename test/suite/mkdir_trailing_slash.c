/* path_create_directory accepts a trailing slash ("newdir/"); the directory is created under the plain name.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "newdir/"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "newdir", &st));
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, "newdir filetype %d", st.filetype);
  EXPECT_OK(__wasi_path_create_directory(ROOT, "sub/deeper/"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/deeper", &st));
  EXPECT_ERRNO(__wasi_path_create_directory(ROOT, "newdir/"), __WASI_ERRNO_EXIST);
  printf("ok\n");
  return 0;
}
