/* A path that dips into a subdirectory and then climbs above the root ("sub/../../x") fails with ENOTCAPABLE (or EPERM), even if the final target would exist.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

#define NC_OR_PERM(call) EXPECT_ERRNO2(call, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM)
int main(void) {
  __wasi_fd_t fd;
  __wasi_filestat_t st;
  NC_OR_PERM(open_at(ROOT, 0, "sub/../../hello.txt", 0, &fd));
  NC_OR_PERM(open_at(ROOT, 0, "sub/../..", __WASI_OFLAGS_DIRECTORY, &fd));
  NC_OR_PERM(open_at(ROOT, 0, "sub/../../sub/inner.txt", 0, &fd));
  NC_OR_PERM(open_at(ROOT, 0, "./sub/./../../x", __WASI_OFLAGS_CREAT, &fd));
  NC_OR_PERM(__wasi_path_filestat_get(ROOT, 0, "sub/../../hello.txt", &st));
  NC_OR_PERM(__wasi_path_unlink_file(ROOT, "sub/../../hello.txt"));
  /* The file is still there. */
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  printf("ok\n");
  return 0;
}
