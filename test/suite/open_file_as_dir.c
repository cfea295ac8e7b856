/* Using a regular file as an intermediate directory ("hello.txt/x") fails with ENOTDIR, with or without CREAT.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  EXPECT_ERRNO(open_at(ROOT, 0, "hello.txt/x", 0, &fd), __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO(open_at(ROOT, 0, "hello.txt/x", __WASI_OFLAGS_CREAT, &fd), __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO(open_at(ROOT, 0, "sub/inner.txt/x/y", 0, &fd), __WASI_ERRNO_NOTDIR);
  printf("ok\n");
  return 0;
}
