/* path_link creates a hard link: both names refer to the same file (same inode, nlink == 2 on both) and a write through one name is visible through the other.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t a, b;
  char buf[64];
  EXPECT_OK(__wasi_path_link(ROOT, 0, "hello.txt", ROOT, "hard.txt"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &a));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hard.txt", &b));
  CHECK(a.ino == b.ino && a.dev == b.dev, "inodes differ: %llu vs %llu", (unsigned long long)a.ino, (unsigned long long)b.ino);
  CHECK(a.nlink == 2 && b.nlink == 2, "nlink %llu/%llu, want 2", (unsigned long long)a.nlink, (unsigned long long)b.nlink);
  CHECK(b.filetype == __WASI_FILETYPE_REGULAR_FILE && b.size == 12, "link filetype %d size %llu", b.filetype, (unsigned long long)b.size);
  EXPECT_OK(put_file(ROOT, "hard.txt", "changed via link\n"));
  EXPECT_OK(get_file(ROOT, "hello.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "changed via link\n") == 0, "hello.txt read \"%s\"", buf);
  /* Hard link into a subdirectory via a subdirectory descriptor. */
  __wasi_fd_t sub;
  EXPECT_OK(open_at(ROOT, 0, "sub", __WASI_OFLAGS_DIRECTORY, &sub));
  EXPECT_OK(__wasi_path_link(ROOT, 0, "hello.txt", sub, "third.txt"));
  EXPECT_OK(get_file(ROOT, "sub/third.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "changed via link\n") == 0, "sub/third.txt read \"%s\"", buf);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &a));
  CHECK(a.nlink == 3, "nlink %llu after second link, want 3", (unsigned long long)a.nlink);
  printf("ok\n");
  return 0;
}
