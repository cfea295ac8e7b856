/* path_open of a missing file, or below a missing intermediate directory (even with CREAT), fails with ENOENT.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  EXPECT_ERRNO(open_at(ROOT, 0, "missing.txt", 0, &fd), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(open_at(ROOT, 0, "nope/x.txt", 0, &fd), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(open_at(ROOT, 0, "nope/x.txt", __WASI_OFLAGS_CREAT, &fd), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(open_at(ROOT, 0, "sub/nope/x.txt", __WASI_OFLAGS_CREAT, &fd), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(open_at(ROOT, 0, "nope", __WASI_OFLAGS_DIRECTORY, &fd), __WASI_ERRNO_NOENT);
  __wasi_filestat_t st;
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "nope", &st), __WASI_ERRNO_NOENT);
  printf("ok\n");
  return 0;
}
