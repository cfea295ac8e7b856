/* A file unlinked while open stays readable and writable through its descriptor (nlink drops to 0).
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_fd_t fd;
  EXPECT_OK(put_file(ROOT, "tmp.txt", "abc"));
  EXPECT_OK(open_rw(ROOT, 0, "tmp.txt", 0, &fd));
  EXPECT_OK(__wasi_path_unlink_file(ROOT, "tmp.txt"));
  __wasi_filestat_t st;
  EXPECT_ERRNO(__wasi_path_filestat_get(ROOT, 0, "tmp.txt", &st), __WASI_ERRNO_NOENT);
  __wasi_filesize_t pos;
  EXPECT_OK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_END, &pos));
  CHECK(pos == 3, "seek end -> %llu, want 3", (unsigned long long)pos);
  __wasi_ciovec_t w = {(const uint8_t *)"def", 3};
  __wasi_size_t n;
  EXPECT_OK(__wasi_fd_write(fd, &w, 1, &n));
  CHECK(n == 3, "wrote %u bytes, want 3", (unsigned)n);
  EXPECT_OK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
  char buf[16] = {0};
  __wasi_iovec_t r = {(uint8_t *)buf, sizeof buf - 1};
  EXPECT_OK(__wasi_fd_read(fd, &r, 1, &n));
  CHECK(n == 6 && memcmp(buf, "abcdef", 6) == 0, "read %u bytes \"%s\", want \"abcdef\"", (unsigned)n, buf);
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK(st.size == 6, "fd_filestat_get size %llu, want 6", (unsigned long long)st.size);
  CHECK(st.nlink == 0, "fd_filestat_get nlink %llu after unlink, want 0", (unsigned long long)st.nlink);
  EXPECT_OK(__wasi_fd_close(fd));
  /* The name is free again: a new file under it starts empty. */
  EXPECT_OK(open_at(ROOT, 0, "tmp.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, &fd));
  EXPECT_OK(__wasi_fd_filestat_get(fd, &st));
  CHECK(st.size == 0, "recreated file size %llu, want 0", (unsigned long long)st.size);
  EXPECT_OK(__wasi_fd_close(fd));
  printf("ok\n");
  return 0;
}
