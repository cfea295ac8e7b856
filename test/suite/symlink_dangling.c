/* A dangling symlink: path_filestat_get without follow reports SYMBOLIC_LINK; with follow (and path_open with follow) fails with ENOENT; readlink works.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_symlink("missing_target", ROOT, "dangling"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "dangling", &st));
  CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK, "no-follow filetype %d, want SYMBOLIC_LINK", st.filetype);
  CHECK(st.size == 14, "symlink size %llu, want 14 (length of its content)", (unsigned long long)st.size);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, FOLLOW, "dangling", &st), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(open_at(ROOT, FOLLOW, "dangling", 0, &fd), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(open_at(ROOT, FOLLOW, "dangling", __WASI_OFLAGS_DIRECTORY, &fd), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(open_at(ROOT, 0, "dangling", 0, &fd), __WASI_ERRNO_LOOP);
  uint8_t buf[32];
  __wasi_size_t n;
  EXPECT_OK(__wasi_path_readlink(ROOT, "dangling", buf, sizeof buf, &n));
  CHECK(n == 14 && memcmp(buf, "missing_target", 14) == 0, "readlink returned %u bytes", (unsigned)n);
  /* Once the target appears, following works. */
  EXPECT_OK(put_file(ROOT, "missing_target", "now here"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, FOLLOW, "dangling", &st));
  CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE && st.size == 8, "followed filetype %d size %llu", st.filetype, (unsigned long long)st.size);
  printf("ok\n");
  return 0;
}
