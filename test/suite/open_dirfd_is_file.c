/* path_open relative to a descriptor that is a regular file fails with ENOTDIR; relative to a closed/unknown fd with EBADF.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t file, fd;
  EXPECT_OK(open_at(ROOT, 0, "hello.txt", 0, &file));
  EXPECT_ERRNO(open_at(file, 0, "x", 0, &fd), __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO(open_at(file, 0, "x", __WASI_OFLAGS_CREAT, &fd), __WASI_ERRNO_NOTDIR);
  EXPECT_OK(__wasi_fd_close(file));
  EXPECT_ERRNO(open_at(file, 0, "hello.txt", 0, &fd), __WASI_ERRNO_BADF);
  EXPECT_ERRNO(open_at(1000, 0, "hello.txt", 0, &fd), __WASI_ERRNO_BADF);
  printf("ok\n");
  return 0;
}
