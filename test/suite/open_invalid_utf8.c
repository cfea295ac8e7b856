/* Paths are UTF-8 strings: a path containing invalid UTF-8 is rejected with EILSEQ (nothing is created).
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  EXPECT_ERRNO(open_at(ROOT, 0, "bad\xff\xfe.txt", __WASI_OFLAGS_CREAT, &fd), __WASI_ERRNO_ILSEQ);
  EXPECT_ERRNO(open_at(ROOT, 0, "bad\xc3.txt", 0, &fd), __WASI_ERRNO_ILSEQ);
  EXPECT_ERRNO(__wasi_path_create_directory(ROOT, "dir\x80"), __WASI_ERRNO_ILSEQ);
  /* Valid multi-byte UTF-8 is fine. */
  EXPECT_OK(open_at(ROOT, 0, "caf\xc3\xa9.txt", __WASI_OFLAGS_CREAT, &fd));
  EXPECT_OK(__wasi_fd_close(fd));
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "caf\xc3\xa9.txt", &st));
  printf("ok\n");
  return 0;
}
