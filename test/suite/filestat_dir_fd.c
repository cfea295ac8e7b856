/* fd_filestat_get on a directory descriptor (the preopen, or a directory opened with path_open) reports DIRECTORY and the same inode as path_filestat_get.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st, pst;
  __wasi_fd_t fd;
  EXPECT_OK(__wasi_fd_filestat_get(ROOT, &st));
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, "preopen filetype %d, want DIRECTORY", st.filetype);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, ".", &pst));
  CHECK(st.ino == pst.ino, "preopen ino %llu vs \".\" ino %llu", (unsigned long long)st.ino, (unsigned long long)pst.ino);
  EXPECT_OK(open_at(ROOT, 0, "sub", __WASI_OFLAGS_DIRECTORY, &fd));
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, "sub fd filetype %d, want DIRECTORY", st.filetype);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub", &pst));
  CHECK(st.ino == pst.ino && st.dev == pst.dev, "sub fd ino %llu vs path ino %llu", (unsigned long long)st.ino, (unsigned long long)pst.ino);
  __wasi_fdstat_t fs;
  EXPECT_OK(__wasi_fd_fdstat_get(fd, &fs));
  CHECK(fs.fs_filetype == __WASI_FILETYPE_DIRECTORY, "sub fdstat filetype %d", fs.fs_filetype);
  EXPECT_OK(__wasi_fd_close(fd));
  printf("ok\n");
  return 0;
}
