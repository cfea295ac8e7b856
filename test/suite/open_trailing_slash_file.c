/* A regular file named with a trailing slash ("hello.txt/") cannot be opened: ENOTDIR. A directory with a trailing slash opens fine.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  EXPECT_ERRNO(open_at(ROOT, 0, "hello.txt/", 0, &fd), __WASI_ERRNO_NOTDIR);
  EXPECT_ERRNO(open_at(ROOT, 0, "sub/inner.txt/", 0, &fd), __WASI_ERRNO_NOTDIR);
  EXPECT_OK(open_at(ROOT, 0, "sub/", 0, &fd));
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_OK(open_at(ROOT, 0, "sub/", __WASI_OFLAGS_DIRECTORY, &fd));
  EXPECT_OK(__wasi_fd_close(fd));
  printf("ok\n");
  return 0;
}
