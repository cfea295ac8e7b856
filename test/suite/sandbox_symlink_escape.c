/* A relative symlink whose target climbs out of the preopen ("../outside", "../../x" from sub/) can be created and read with readlink, but following it fails with ENOTCAPABLE (or EPERM).
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

#define NC_OR_PERM(call) EXPECT_ERRNO2(call, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM)
int main(void) {
  __wasi_fd_t fd;
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_symlink("../outside", ROOT, "up"));
  EXPECT_OK(__wasi_path_symlink("../../hello.txt", ROOT, "sub/up2"));
  NC_OR_PERM(open_at(ROOT, FOLLOW, "up", 0, &fd));
  NC_OR_PERM(open_at(ROOT, FOLLOW, "up", __WASI_OFLAGS_CREAT, &fd));
  NC_OR_PERM(open_at(ROOT, FOLLOW, "sub/up2", 0, &fd));
  NC_OR_PERM(__wasi_path_filestat_get(ROOT, FOLLOW, "up", &st));
  NC_OR_PERM(__wasi_path_filestat_get(ROOT, FOLLOW, "sub/up2", &st));
  /* Without following, the links themselves are visible. */
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/up2", &st));
  CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK, "sub/up2 filetype %d, want SYMBOLIC_LINK", st.filetype);
  char buf[32];
  __wasi_size_t n;
  EXPECT_OK(__wasi_path_readlink(ROOT, "up", (uint8_t *)buf, sizeof buf, &n));
  CHECK(n == 10 && memcmp(buf, "../outside", 10) == 0, "readlink(up) returned %u bytes", (unsigned)n);
  /* Removing the escaping links works. */
  EXPECT_OK(__wasi_path_unlink_file(ROOT, "up"));
  EXPECT_OK(__wasi_path_unlink_file(ROOT, "sub/up2"));
  printf("ok\n");
  return 0;
}
