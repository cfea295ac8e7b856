/* A symlink to a directory can be traversed as an intermediate component, followed by path_filestat_get (DIRECTORY), and used to create files in the target directory.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  char buf[64];
  __wasi_filestat_t st;
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_path_symlink("sub", ROOT, "dlink"));
  EXPECT_OK(get_file(ROOT, "dlink/inner.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "inner\n") == 0, "dlink/inner.txt read \"%s\"", buf);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, FOLLOW, "dlink", &st));
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, "followed filetype %d, want DIRECTORY", st.filetype);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "dlink", &st));
  CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK, "no-follow filetype %d, want SYMBOLIC_LINK", st.filetype);
  EXPECT_OK(open_at(ROOT, 0, "dlink/made.txt", __WASI_OFLAGS_CREAT, &fd));
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/made.txt", &st));
  EXPECT_OK(__wasi_path_create_directory(ROOT, "dlink/newdir"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/newdir", &st));
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, "sub/newdir filetype %d", st.filetype);
  printf("ok\n");
  return 0;
}
