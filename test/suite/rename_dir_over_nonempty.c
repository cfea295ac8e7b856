/* path_rename of a directory over a non-empty directory fails with ENOTEMPTY; both stay intact.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "src"));
  EXPECT_OK(put_file(ROOT, "src/a.txt", "a"));
  EXPECT_ERRNO(__wasi_path_rename(ROOT, "src", ROOT, "sub"), __WASI_ERRNO_NOTEMPTY);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "src/a.txt", &st));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/inner.txt", &st));
  printf("ok\n");
  return 0;
}
