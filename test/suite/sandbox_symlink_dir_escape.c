/* A directory symlink pointing above the root ("parent" -> "..") cannot be used as an intermediate path component: "parent/hello.txt" fails with ENOTCAPABLE (or EPERM); a symlink "sub/back" -> ".." that stays inside works.
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
  char buf[64];
  EXPECT_OK(__wasi_path_symlink("..", ROOT, "parent"));
  NC_OR_PERM(open_at(ROOT, 0, "parent/hello.txt", 0, &fd));
  NC_OR_PERM(open_at(ROOT, FOLLOW, "parent", __WASI_OFLAGS_DIRECTORY, &fd));
  NC_OR_PERM(open_at(ROOT, 0, "parent/new.txt", __WASI_OFLAGS_CREAT, &fd));
  NC_OR_PERM(__wasi_path_filestat_get(ROOT, 0, "parent/hello.txt", &st));
  NC_OR_PERM(__wasi_path_create_directory(ROOT, "parent/newdir"));
  /* sub/back -> ".." resolves to the root, which is inside the sandbox. */
  EXPECT_OK(__wasi_path_symlink("..", ROOT, "sub/back"));
  EXPECT_OK(get_file(ROOT, "sub/back/hello.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "hello world\n") == 0, "sub/back/hello.txt read \"%s\"", buf);
  /* ...but one more level up escapes again. */
  NC_OR_PERM(open_at(ROOT, 0, "sub/back/parent/hello.txt", 0, &fd));
  NC_OR_PERM(open_at(ROOT, 0, "sub/back/../hello.txt", 0, &fd));
  printf("ok\n");
  return 0;
}
