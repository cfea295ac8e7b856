/* path_rename of a name onto itself (file, directory, or a second hard link to the same file) succeeds and changes nothing.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  char buf[64];
  EXPECT_OK(__wasi_path_rename(ROOT, "hello.txt", ROOT, "hello.txt"));
  EXPECT_OK(get_file(ROOT, "hello.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "hello world\n") == 0, "hello.txt read \"%s\"", buf);
  EXPECT_OK(__wasi_path_rename(ROOT, "sub", ROOT, "sub"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/inner.txt", &st));
  EXPECT_OK(__wasi_path_rename(ROOT, "sub/../hello.txt", ROOT, "./hello.txt"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  /* POSIX: renaming one hard link onto another of the same file does nothing. */
  EXPECT_OK(__wasi_path_link(ROOT, 0, "hello.txt", ROOT, "twin.txt"));
  EXPECT_OK(__wasi_path_rename(ROOT, "hello.txt", ROOT, "twin.txt"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.nlink == 2, "nlink %llu after no-op rename, want 2", (unsigned long long)st.nlink);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "twin.txt", &st));
  printf("ok\n");
  return 0;
}
