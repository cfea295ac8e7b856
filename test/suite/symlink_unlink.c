/* path_unlink_file on a symlink removes the link only (file or directory target); path_remove_directory on a directory symlink fails with ENOTDIR.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_symlink("hello.txt", ROOT, "flink"));
  EXPECT_OK(__wasi_path_symlink("sub", ROOT, "dlink"));
  EXPECT_ERRNO(__wasi_path_remove_directory(ROOT, "dlink"), __WASI_ERRNO_NOTDIR);
  EXPECT_OK(__wasi_path_unlink_file(ROOT, "flink"));
  EXPECT_OK(__wasi_path_unlink_file(ROOT, "dlink"));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "flink", &st), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "dlink", &st), __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE && st.size == 12, "hello.txt damaged");
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/inner.txt", &st));
  /* A dangling symlink can be removed too. */
  EXPECT_OK(__wasi_path_symlink("missing", ROOT, "dangling"));
  EXPECT_OK(__wasi_path_unlink_file(ROOT, "dangling"));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "dangling", &st), __WASI_ERRNO_NOENT);
  printf("ok\n");
  return 0;
}
