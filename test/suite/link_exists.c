/* path_link onto an existing name (file, directory, itself) fails with EEXIST; a missing source fails with ENOENT.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  char buf[64];
  EXPECT_OK(put_file(ROOT, "other.txt", "other\n"));
  EXPECT_ERRNO(__wasi_path_link(ROOT, 0, "hello.txt", ROOT, "other.txt"), __WASI_ERRNO_EXIST);
  EXPECT_ERRNO(__wasi_path_link(ROOT, 0, "hello.txt", ROOT, "sub"), __WASI_ERRNO_EXIST);
  EXPECT_ERRNO(__wasi_path_link(ROOT, 0, "hello.txt", ROOT, "hello.txt"), __WASI_ERRNO_EXIST);
  EXPECT_OK(get_file(ROOT, "other.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "other\n") == 0, "other.txt changed to \"%s\"", buf);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.nlink == 1, "hello.txt nlink %llu, want 1", (unsigned long long)st.nlink);
  EXPECT_ERRNO(__wasi_path_link(ROOT, 0, "missing.txt", ROOT, "new.txt"), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_link(ROOT, 0, "hello.txt", ROOT, "nope/new.txt"), __WASI_ERRNO_NOENT);
  printf("ok\n");
  return 0;
}
