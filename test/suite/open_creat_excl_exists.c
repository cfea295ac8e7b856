/* path_open with CREAT|EXCL on an existing file or directory fails with EEXIST and leaves it untouched.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  char buf[64];
  EXPECT_ERRNO(open_at(ROOT, 0, "hello.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, &fd), __WASI_ERRNO_EXIST);
  EXPECT_ERRNO(open_at(ROOT, 0, "sub", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, &fd), __WASI_ERRNO_EXIST);
  EXPECT_OK(get_file(ROOT, "hello.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "hello world\n") == 0, "hello.txt content changed: \"%s\"", buf);
  /* On a fresh name, CREAT|EXCL succeeds. */
  EXPECT_OK(open_at(ROOT, 0, "fresh.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, &fd));
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_ERRNO(open_at(ROOT, 0, "fresh.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, &fd), __WASI_ERRNO_EXIST);
  printf("ok\n");
  return 0;
}
