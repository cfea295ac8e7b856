/* Every directory descriptor is its own sandbox root: relative to a descriptor opened for "sub", ".." or "../hello.txt" (directly or via a symlink in sub) fails with ENOTCAPABLE (or EPERM), while paths below it work.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

#define NC_OR_PERM(call) EXPECT_ERRNO2(call, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM)
int main(void) {
  __wasi_fd_t sub, fd;
  __wasi_filestat_t st;
  char buf[64];
  EXPECT_OK(open_at(ROOT, 0, "sub", __WASI_OFLAGS_DIRECTORY, &sub));
  EXPECT_OK(get_file(sub, "inner.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "inner\n") == 0, "inner.txt via sub fd read \"%s\"", buf);
  NC_OR_PERM(open_at(sub, 0, "..", __WASI_OFLAGS_DIRECTORY, &fd));
  NC_OR_PERM(open_at(sub, 0, "../hello.txt", 0, &fd));
  NC_OR_PERM(__wasi_path_filestat_get(sub, 0, "../hello.txt", &st));
  EXPECT_OK(__wasi_path_symlink("../hello.txt", ROOT, "sub/up"));
  NC_OR_PERM(open_at(sub, FOLLOW, "up", 0, &fd));
  /* The same link is fine when resolved from the root descriptor. */
  EXPECT_OK(get_file(ROOT, "sub/up", buf, sizeof buf));
  CHECK(strcmp(buf, "hello world\n") == 0, "sub/up via root read \"%s\"", buf);
  EXPECT_OK(__wasi_fd_close(sub));
  printf("ok\n");
  return 0;
}
