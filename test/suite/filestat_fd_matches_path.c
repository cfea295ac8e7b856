/* fd_filestat_get on an open file agrees with path_filestat_get on its path (dev, ino, filetype, nlink, size, mtim), including after writing through the descriptor.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t f, p;
  __wasi_fd_t fd;
  EXPECT_OK(open_rw(ROOT, 0, "hello.txt", 0, &fd));
  EXPECT_OK(__wasi_fd_filestat_get(fd, &f));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &p));
#define SAME(field) CHECK(f.field == p.field, #field ": fd %llu vs path %llu", (unsigned long long)f.field, (unsigned long long)p.field)
  SAME(dev); SAME(ino); SAME(filetype); SAME(nlink); SAME(size); SAME(mtim);
  __wasi_ciovec_t iov = {(const uint8_t *)"0123456789ABCDEFGHIJ", 20};
  __wasi_size_t n;
  EXPECT_OK(__wasi_fd_write(fd, &iov, 1, &n));
  CHECK(n == 20, "wrote %u", (unsigned)n);
  EXPECT_OK(__wasi_fd_filestat_get(fd, &f));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &p));
  CHECK(f.size == 20, "size after overwrite %llu, want 20", (unsigned long long)f.size);
  SAME(ino); SAME(size); SAME(mtim);
  EXPECT_OK(__wasi_fd_close(fd));
  printf("ok\n");
  return 0;
}
