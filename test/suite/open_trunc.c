/* path_open with OFLAGS_TRUNC truncates an existing file to size 0.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.size == 12, "hello.txt size %llu before truncation, want 12", (unsigned long long)st.size);
  EXPECT_OK(__wasi_path_open(ROOT, 0, "hello.txt", __WASI_OFLAGS_TRUNC,
                             __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_GET,
                             0, 0, &fd));
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK(st.size == 0, "fd_filestat_get size %llu after TRUNC, want 0", (unsigned long long)st.size);
  uint8_t b[4];
  __wasi_iovec_t iov = {b, sizeof b};
  __wasi_size_t n = 99;
  EXPECT_OK(__wasi_fd_read(fd, &iov, 1, &n));
  CHECK(n == 0, "read %u bytes from truncated file, want 0", (unsigned)n);
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.size == 0, "path_filestat_get size %llu after TRUNC, want 0", (unsigned long long)st.size);
  printf("ok\n");
  return 0;
}
