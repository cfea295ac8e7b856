/* path_open without LOOKUPFLAGS_SYMLINK_FOLLOW on a symlink final component fails with ELOOP (ELOOP or ENOTDIR with OFLAGS_DIRECTORY); intermediate symlinks are still followed; with SYMLINK_FOLLOW the target opens.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_symlink("hello.txt", ROOT, "flink"));
  EXPECT_OK(__wasi_path_symlink("sub", ROOT, "dlink"));
  EXPECT_ERRNO(open_at(ROOT, 0, "flink", 0, &fd), __WASI_ERRNO_LOOP);
  EXPECT_ERRNO(open_at(ROOT, 0, "dlink", 0, &fd), __WASI_ERRNO_LOOP);
  EXPECT_ERRNO2(open_at(ROOT, 0, "dlink", __WASI_OFLAGS_DIRECTORY, &fd), __WASI_ERRNO_LOOP, __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO2(open_at(ROOT, 0, "flink", __WASI_OFLAGS_DIRECTORY, &fd), __WASI_ERRNO_LOOP, __WASI_ERRNO_NOTDIR);
  /* Following: the file link opens the file; the dir link opens the directory. */
  EXPECT_OK(open_at(ROOT, FOLLOW, "flink", 0, &fd));
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_OK(open_at(ROOT, FOLLOW, "dlink", __WASI_OFLAGS_DIRECTORY, &fd));
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_ERRNO(open_at(ROOT, FOLLOW, "flink", __WASI_OFLAGS_DIRECTORY, &fd), __WASI_ERRNO_NOTDIR);
  /* Lookup flags only concern the last component: "dlink/inner.txt" opens without FOLLOW. */
  EXPECT_OK(open_at(ROOT, 0, "dlink/inner.txt", 0, &fd));
  EXPECT_OK(__wasi_fd_close(fd));
  printf("ok\n");
  return 0;
}
