/* path_open with OFLAGS_DIRECTORY on a regular file fails with ENOTDIR; on a directory it succeeds.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  EXPECT_ERRNO(open_at(ROOT, 0, "hello.txt", __WASI_OFLAGS_DIRECTORY, &fd), __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO(open_at(ROOT, 0, "sub/inner.txt", __WASI_OFLAGS_DIRECTORY, &fd), __WASI_ERRNO_NOTDIR);
  EXPECT_OK(open_at(ROOT, 0, "sub", __WASI_OFLAGS_DIRECTORY, &fd));
  __wasi_fdstat_t st;
  EXPECT_OK(__wasi_fd_fdstat_get(fd, &st));
  CHECK(st.fs_filetype == __WASI_FILETYPE_DIRECTORY, "sub fd filetype %d, want DIRECTORY", st.fs_filetype);
  EXPECT_OK(__wasi_fd_close(fd));
  printf("ok\n");
  return 0;
}
