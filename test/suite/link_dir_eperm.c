/* path_link with a directory as the source fails with EPERM (wasmtime also allows EACCES) and creates nothing.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_ERRNO2(__wasi_path_link(ROOT, 0, "sub", ROOT, "sublink"), __WASI_ERRNO_PERM, __WASI_ERRNO_ACCES);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "sublink", &st), __WASI_ERRNO_NOENT);
  printf("ok\n");
  return 0;
}
