/* ".." and "." components that stay inside the preopen resolve normally ("sub/../hello.txt", "./sub//inner.txt").
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  char buf[64];
  __wasi_fd_t fd;
  EXPECT_OK(get_file(ROOT, "sub/../hello.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "hello world\n") == 0, "sub/../hello.txt read \"%s\"", buf);
  EXPECT_OK(get_file(ROOT, "./sub//inner.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "inner\n") == 0, "./sub//inner.txt read \"%s\"", buf);
  EXPECT_OK(get_file(ROOT, "sub/./../sub/../sub/inner.txt", buf, sizeof buf));
  CHECK(strcmp(buf, "inner\n") == 0, "sub/./../sub/../sub/inner.txt read \"%s\"", buf);
  EXPECT_OK(open_at(ROOT, 0, ".", __WASI_OFLAGS_DIRECTORY, &fd));
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_OK(open_at(ROOT, 0, "sub/..", __WASI_OFLAGS_DIRECTORY, &fd));
  __wasi_filestat_t a, b;
  EXPECT_OK(__wasi_fd_filestat_get(fd, &a));
  EXPECT_OK(__wasi_fd_filestat_get(ROOT, &b));
  CHECK(a.filetype == __WASI_FILETYPE_DIRECTORY, "sub/.. filetype %d", a.filetype);
  CHECK(a.ino == b.ino, "sub/.. ino %llu != root ino %llu", (unsigned long long)a.ino, (unsigned long long)b.ino);
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_OK(open_at(ROOT, 0, "sub/../created.txt", __WASI_OFLAGS_CREAT, &fd));
  EXPECT_OK(__wasi_fd_close(fd));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "created.txt", &a));
  printf("ok\n");
  return 0;
}
