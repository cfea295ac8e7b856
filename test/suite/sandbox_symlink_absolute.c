/* A symlink whose target is absolute never reaches the host: creating it may be refused (wasmtime: EPERM/ENOTCAPABLE); if it exists, following it fails with ENOTCAPABLE or EPERM, while readlink and no-follow stat still see the link itself.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

#define NC_OR_PERM(call) EXPECT_ERRNO2(call, __WASI_ERRNO_NOTCAPABLE, __WASI_ERRNO_PERM)
int main(void) {
  __wasi_errno_t e = __wasi_path_symlink("/etc/passwd", ROOT, "abs");
  if (e != 0) {
    CHECK(e == __WASI_ERRNO_PERM || e == __WASI_ERRNO_NOTCAPABLE,
          "path_symlink(\"/etc/passwd\") refused with errno %d, want EPERM(63) or ENOTCAPABLE(76)", e);
    __wasi_filestat_t st;
    EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "abs", &st), __WASI_ERRNO_NOENT);
    printf("ok\n");
    return 0;
  }
  __wasi_fd_t fd;
  __wasi_filestat_t st;
  NC_OR_PERM(open_at(ROOT, FOLLOW, "abs", 0, &fd));
  NC_OR_PERM(__wasi_path_filestat_get(ROOT, FOLLOW, "abs", &st));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "abs", &st));
  CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK, "no-follow filetype %d, want SYMBOLIC_LINK", st.filetype);
  char buf[32];
  __wasi_size_t n;
  EXPECT_OK(__wasi_path_readlink(ROOT, "abs", (uint8_t *)buf, sizeof buf, &n));
  CHECK(n == 11 && memcmp(buf, "/etc/passwd", 11) == 0, "readlink returned %u bytes", (unsigned)n);
  /* Even an absolute target naming a file that exists inside the sandbox is not followed. */
  EXPECT_OK(__wasi_path_symlink("/hello.txt", ROOT, "abs2"));
  NC_OR_PERM(open_at(ROOT, FOLLOW, "abs2", 0, &fd));
  printf("ok\n");
  return 0;
}
