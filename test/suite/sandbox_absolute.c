/* At the syscall level an absolute path is never resolved against the host: path_open(3, "/etc/passwd") or even "/hello.txt" fails with ENOTCAPABLE (or EPERM, as wasmtime reports).
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
  NC_OR_PERM(open_at(ROOT, 0, "/etc/passwd", 0, &fd));
  NC_OR_PERM(open_at(ROOT, 0, "/etc", __WASI_OFLAGS_DIRECTORY, &fd));
  NC_OR_PERM(open_at(ROOT, 0, "/hello.txt", 0, &fd));
  NC_OR_PERM(open_at(ROOT, 0, "/", __WASI_OFLAGS_DIRECTORY, &fd));
  NC_OR_PERM(open_at(ROOT, 0, "/new.txt", __WASI_OFLAGS_CREAT, &fd));
  NC_OR_PERM(__wasi_path_filestat_get(ROOT, 0, "/", &st));
  NC_OR_PERM(__wasi_path_filestat_get(ROOT, 0, "/hello.txt", &st));
  NC_OR_PERM(__wasi_path_create_directory(ROOT, "/newdir"));
  printf("ok\n");
  return 0;
}
