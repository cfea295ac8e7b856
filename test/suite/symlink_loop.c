/* Symlink loops (a -> b -> a, and self -> self) fail with ELOOP when followed, as a final or intermediate component; without following, the link itself is visible.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_symlink("loop_b", ROOT, "loop_a"));
  EXPECT_OK(__wasi_path_symlink("loop_a", ROOT, "loop_b"));
  EXPECT_OK(__wasi_path_symlink("self", ROOT, "self"));
  EXPECT_ERRNO(open_at(ROOT, FOLLOW, "loop_a", 0, &fd), __WASI_ERRNO_LOOP);
  EXPECT_ERRNO(open_at(ROOT, FOLLOW, "self", 0, &fd), __WASI_ERRNO_LOOP);
  EXPECT_ERRNO(open_at(ROOT, FOLLOW, "loop_b", __WASI_OFLAGS_DIRECTORY, &fd), __WASI_ERRNO_LOOP);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, FOLLOW, "self", &st), __WASI_ERRNO_LOOP);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, FOLLOW, "loop_a", &st), __WASI_ERRNO_LOOP);
  /* As an intermediate component the link is always followed. */
  EXPECT_ERRNO(open_at(ROOT, 0, "self/x", 0, &fd), __WASI_ERRNO_LOOP);
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "loop_a/x", &st), __WASI_ERRNO_LOOP);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "self", &st));
  CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK, "self filetype %d, want SYMBOLIC_LINK", st.filetype);
  printf("ok\n");
  return 0;
}
