/* path_open with CREAT makes a new empty regular file; CREAT on an existing file opens it without truncating.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  __wasi_filestat_t st;
  EXPECT_OK(open_at(ROOT, 0, "new.txt", __WASI_OFLAGS_CREAT, &fd));
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE, "filetype %d, want REGULAR_FILE", st.filetype);
  CHECK(st.size == 0, "size %llu, want 0", (unsigned long long)st.size);
  CHECK(st.nlink == 1, "nlink %llu, want 1", (unsigned long long)st.nlink);
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "new.txt", &st));
  CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE, "path filetype %d, want REGULAR_FILE", st.filetype);
  EXPECT_OK(open_at(ROOT, 0, "sub/new2.txt", __WASI_OFLAGS_CREAT, &fd));
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/new2.txt", &st));
  EXPECT_OK(open_at(ROOT, 0, "hello.txt", __WASI_OFLAGS_CREAT, &fd));
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK(st.size == 12, "CREAT on existing file: size %llu, want 12 (must not truncate)", (unsigned long long)st.size);
  EXPECT_OK(__wasi_fd_close(fd));
  printf("ok\n");
  return 0;
}
