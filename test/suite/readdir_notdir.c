/* fd_readdir on a descriptor that is not a directory fails: EBADF for a regular file in wasmtime (ENOTDIR accepted too), EBADF for a closed or unknown fd.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  uint8_t buf[256];
  __wasi_size_t used;
  EXPECT_OK(open_at(ROOT, 0, "hello.txt", 0, &fd));
  EXPECT_ERRNO2(__wasi_fd_readdir(fd, buf, sizeof buf, 0, &used), __WASI_ERRNO_BADF, __WASI_ERRNO_NOTDIR);
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_ERRNO(__wasi_fd_readdir(fd, buf, sizeof buf, 0, &used), __WASI_ERRNO_BADF);
  EXPECT_ERRNO(__wasi_fd_readdir(1000, buf, sizeof buf, 0, &used), __WASI_ERRNO_BADF);
  printf("ok\n");
  return 0;
}
