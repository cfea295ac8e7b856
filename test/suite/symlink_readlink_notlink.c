/* path_readlink on something that is not a symlink fails with EINVAL (regular file or directory), and with ENOENT when nothing exists.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  uint8_t buf[64];
  __wasi_size_t n;
  EXPECT_ERRNO(__wasi_path_readlink(ROOT, "hello.txt", buf, sizeof buf, &n), __WASI_ERRNO_INVAL);
  EXPECT_ERRNO(__wasi_path_readlink(ROOT, "sub", buf, sizeof buf, &n), __WASI_ERRNO_INVAL);
  EXPECT_ERRNO(__wasi_path_readlink(ROOT, "sub/inner.txt", buf, sizeof buf, &n), __WASI_ERRNO_INVAL);
  EXPECT_ERRNO(__wasi_path_readlink(ROOT, "missing", buf, sizeof buf, &n), __WASI_ERRNO_NOENT);
  printf("ok\n");
  return 0;
}
