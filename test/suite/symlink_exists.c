/* path_symlink onto an existing name (file, directory, symlink, dangling symlink) fails with EEXIST and leaves it alone.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_ERRNO(__wasi_path_symlink("whatever", ROOT, "hello.txt"), __WASI_ERRNO_EXIST);
  EXPECT_ERRNO(__wasi_path_symlink("whatever", ROOT, "sub"), __WASI_ERRNO_EXIST);
  EXPECT_OK(__wasi_path_symlink("missing", ROOT, "dangling"));
  EXPECT_ERRNO(__wasi_path_symlink("hello.txt", ROOT, "dangling"), __WASI_ERRNO_EXIST);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE && st.size == 12, "hello.txt changed");
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub", &st));
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, "sub changed");
  uint8_t buf[16];
  __wasi_size_t n;
  EXPECT_OK(__wasi_path_readlink(ROOT, "dangling", buf, sizeof buf, &n));
  CHECK(n == 7 && memcmp(buf, "missing", 7) == 0, "dangling link content changed");
  /* Creating in a missing directory fails with ENOENT. */
  EXPECT_ERRNO(__wasi_path_symlink("hello.txt", ROOT, "nope/lnk"), __WASI_ERRNO_NOENT);
  printf("ok\n");
  return 0;
}
