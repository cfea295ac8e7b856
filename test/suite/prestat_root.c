/* fd 3 is the only preopen: fd_prestat_get reports a directory preopen whose name has length 1, fd_prestat_dir_name writes "/" (no NUL added), and fd 4 is not a preopen (EBADF).
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_prestat_t ps;
  memset(&ps, 0xAA, sizeof ps);
  EXPECT_OK(__wasi_fd_prestat_get(ROOT, &ps));
  CHECK(ps.tag == __WASI_PREOPENTYPE_DIR, "prestat tag %d, want DIR (0)", ps.tag);
  CHECK(ps.u.dir.pr_name_len == 1, "pr_name_len %u, want 1", (unsigned)ps.u.dir.pr_name_len);
  uint8_t name[8];
  memset(name, 0xAA, sizeof name);
  EXPECT_OK(__wasi_fd_prestat_dir_name(ROOT, name, 1));
  CHECK(name[0] == '/', "dir name byte 0x%02x, want '/'", name[0]);
  CHECK(name[1] == 0xAA, "fd_prestat_dir_name wrote past pr_name_len");
  /* A larger buffer is fine and still only the name is written. */
  memset(name, 0xAA, sizeof name);
  EXPECT_OK(__wasi_fd_prestat_dir_name(ROOT, name, sizeof name));
  CHECK(name[0] == '/' && name[1] == 0xAA, "dir name with a big buffer: %02x %02x", name[0], name[1]);
  EXPECT_ERRNO(__wasi_fd_prestat_get(4, &ps), __WASI_ERRNO_BADF);
  printf("ok\n");
  return 0;
}
