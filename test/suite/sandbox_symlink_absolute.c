/* path_symlink with an absolute target is refused with EPERM and creates nothing, as the official
 * wasi-testsuite requires and wasmtime does: a sandboxed guest does not make links naming
 * absolute paths, even one that would lead back inside the preopen.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  static const char *targets[] = {"/", "/etc/passwd", "/hello.txt", "//hello.txt"};
  __wasi_filestat_t st;
  for (unsigned i = 0; i < sizeof targets / sizeof targets[0]; i++) {
    __wasi_errno_t e = __wasi_path_symlink(targets[i], ROOT, "abs");
    CHECK(e == __WASI_ERRNO_PERM, "path_symlink(\"%s\", \"abs\") errno %d, want EPERM(63)", targets[i], e);
    EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "abs", &st), __WASI_ERRNO_NOENT);
    /* Also in a subdirectory descriptor. */
    __wasi_fd_t sub;
    EXPECT_OK(open_at(ROOT, 0, "sub", __WASI_OFLAGS_DIRECTORY, &sub));
    e = __wasi_path_symlink(targets[i], sub, "abs");
    CHECK(e == __WASI_ERRNO_PERM, "path_symlink(\"%s\", sub, \"abs\") errno %d, want EPERM(63)", targets[i], e);
    EXPECT_ERRNO(__wasi_path_filestat_get(sub, 0, "abs", &st), __WASI_ERRNO_NOENT);
    EXPECT_OK(__wasi_fd_close(sub));
  }
  /* A relative target is still fine. */
  EXPECT_OK(__wasi_path_symlink("hello.txt", ROOT, "rel"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "rel", &st));
  CHECK(st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK, "rel: filetype %d, want SYMBOLIC_LINK", st.filetype);
  printf("ok\n");
  return 0;
}
