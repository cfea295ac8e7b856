/* path_rename of a directory over an existing empty directory succeeds; the contents move with it.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  char buf[64];
  EXPECT_OK(__wasi_path_create_directory(ROOT, "empty"));
  EXPECT_OK(__wasi_path_rename(ROOT, "sub", ROOT, "empty"));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "sub", &st), __WASI_ERRNO_NOENT);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "empty", &st));
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, "empty filetype %d", st.filetype);
  EXPECT_OK(get_file(ROOT, "empty/inner.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "inner\n") == 0, "empty/inner.txt read \"%s\"", buf);
  /* Renaming a directory to a fresh name works too. */
  EXPECT_OK(__wasi_path_rename(ROOT, "empty", ROOT, "fresh"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "fresh/inner.txt", &st));
  printf("ok\n");
  return 0;
}
