/* path_rename of a file over an existing file atomically replaces it: the target gets the source's content and inode, the source name disappears.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t before, after;
  char buf[64];
  EXPECT_OK(put_file(ROOT, "target.txt", "old target\n"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &before));
  EXPECT_OK(__wasi_path_rename(ROOT, "hello.txt", ROOT, "target.txt"));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &after), __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "target.txt", &after));
  CHECK(after.ino == before.ino, "target ino %llu, want source ino %llu", (unsigned long long)after.ino, (unsigned long long)before.ino);
  CHECK(after.nlink == 1, "target nlink %llu, want 1", (unsigned long long)after.nlink);
  EXPECT_OK(get_file(ROOT, "target.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "hello world\n") == 0, "target.txt read \"%s\"", buf);
  printf("ok\n");
  return 0;
}
