/* path_rename moves files and directories between directories (including via two different directory descriptors); an open descriptor keeps working after its file is renamed.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  char buf[64];
  __wasi_fd_t fd, sub;
  EXPECT_OK(open_at(ROOT, 0, "hello.txt", 0, &fd));
  EXPECT_OK(__wasi_path_rename(ROOT, "hello.txt", ROOT, "sub/moved.txt"));
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st), __WASI_ERRNO_NOENT);
  EXPECT_OK(get_file(ROOT, "sub/moved.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "hello world\n") == 0, "sub/moved.txt read \"%s\"", buf);
  uint8_t b[16] = {0};
  __wasi_iovec_t iov = {b, 5};
  __wasi_size_t n;
  EXPECT_OK(__wasi_fd_read(fd, &iov, 1, &n));
  CHECK(n == 5 && memcmp(b, "hello", 5) == 0, "read through the pre-rename fd: %u bytes", (unsigned)n);
  EXPECT_OK(__wasi_fd_close(fd));
  /* Between two descriptors. */
  EXPECT_OK(open_at(ROOT, 0, "sub", __WASI_OFLAGS_DIRECTORY, &sub));
  EXPECT_OK(__wasi_path_rename(sub, "inner.txt", ROOT, "inner_up.txt"));
  EXPECT_OK(get_file(ROOT, "inner_up.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "inner\n") == 0, "inner_up.txt read \"%s\"", buf);
  /* A whole directory. */
  EXPECT_OK(__wasi_path_create_directory(ROOT, "dest"));
  EXPECT_OK(__wasi_path_rename(ROOT, "sub", ROOT, "dest/sub2"));
  EXPECT_OK(get_file(ROOT, "dest/sub2/moved.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "hello world\n") == 0, "dest/sub2/moved.txt read \"%s\"", buf);
  printf("ok\n");
  return 0;
}
