/* A descriptor opened through a symlink (with follow) refers to the target: fd_filestat_get reports the target's type, size and inode, not the link's.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  __wasi_filestat_t target, link, viafd;
  EXPECT_OK(__wasi_path_symlink("hello.txt", ROOT, "lnk"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &target));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "lnk", &link));
  CHECK(link.filetype == __WASI_FILETYPE_SYMBOLIC_LINK, "lnk no-follow filetype %d", link.filetype);
  CHECK(link.ino != target.ino, "link and target share inode %llu", (unsigned long long)link.ino);
  EXPECT_OK(open_at(ROOT, FOLLOW, "lnk", 0, &fd));
  EXPECT_OK(__wasi_fd_filestat_get(fd, &viafd));
  CHECK(viafd.filetype == __WASI_FILETYPE_REGULAR_FILE, "fd filetype %d, want REGULAR_FILE", viafd.filetype);
  CHECK(viafd.size == 12, "fd size %llu, want 12", (unsigned long long)viafd.size);
  CHECK(viafd.ino == target.ino, "fd ino %llu, want target ino %llu", (unsigned long long)viafd.ino, (unsigned long long)target.ino);
  __wasi_fdstat_t fs;
  EXPECT_OK(__wasi_fd_fdstat_get(fd, &fs));
  CHECK(fs.fs_filetype == __WASI_FILETYPE_REGULAR_FILE, "fdstat filetype %d", fs.fs_filetype);
  EXPECT_OK(__wasi_fd_close(fd));
  /* Same for a directory link. */
  EXPECT_OK(__wasi_path_symlink("sub", ROOT, "dlnk"));
  EXPECT_OK(open_at(ROOT, FOLLOW, "dlnk", __WASI_OFLAGS_DIRECTORY, &fd));
  EXPECT_OK(__wasi_fd_filestat_get(fd, &viafd));
  CHECK(viafd.filetype == __WASI_FILETYPE_DIRECTORY, "dir fd filetype %d, want DIRECTORY", viafd.filetype);
  EXPECT_OK(__wasi_fd_close(fd));
  printf("ok\n");
  return 0;
}
