/* fd_prestat_get on anything that is not a preopen fails with EBADF: stdio fds 0/1/2, fds beyond the table, and descriptors opened with path_open.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_prestat_t ps;
  EXPECT_ERRNO(__wasi_fd_prestat_get(0, &ps), __WASI_ERRNO_BADF);
  EXPECT_ERRNO(__wasi_fd_prestat_get(1, &ps), __WASI_ERRNO_BADF);
  EXPECT_ERRNO(__wasi_fd_prestat_get(2, &ps), __WASI_ERRNO_BADF);
  EXPECT_ERRNO(__wasi_fd_prestat_get(100, &ps), __WASI_ERRNO_BADF);
  EXPECT_ERRNO(__wasi_fd_prestat_get(0x7FFFFFFF, &ps), __WASI_ERRNO_BADF);
  EXPECT_ERRNO(__wasi_fd_prestat_get(0xFFFFFFFF, &ps), __WASI_ERRNO_BADF);
  __wasi_fd_t file, dir;
  EXPECT_OK(open_at(ROOT, 0, "hello.txt", 0, &file));
  EXPECT_OK(open_at(ROOT, 0, "sub", __WASI_OFLAGS_DIRECTORY, &dir));
  EXPECT_ERRNO(__wasi_fd_prestat_get(file, &ps), __WASI_ERRNO_BADF);
  EXPECT_ERRNO(__wasi_fd_prestat_get(dir, &ps), __WASI_ERRNO_BADF);
  uint8_t name[8];
  EXPECT_ERRNO(__wasi_fd_prestat_dir_name(100, name, sizeof name), __WASI_ERRNO_BADF);
  printf("ok\n");
  return 0;
}
