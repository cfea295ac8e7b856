/* fd_prestat_dir_name with a buffer shorter than pr_name_len fails with ENAMETOOLONG (wasmtime; some runtimes say EINVAL) and writes nothing.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  uint8_t name[4];
  memset(name, 0xAA, sizeof name);
  EXPECT_ERRNO2(__wasi_fd_prestat_dir_name(ROOT, name, 0), __WASI_ERRNO_NAMETOOLONG, __WASI_ERRNO_INVAL);
  CHECK(name[0] == 0xAA, "buffer written despite the error");
  EXPECT_OK(__wasi_fd_prestat_dir_name(ROOT, name, 1));
  CHECK(name[0] == '/', "dir name byte 0x%02x", name[0]);
  printf("ok\n");
  return 0;
}
