/* Reading a directory again from cookie 0 reflects entries created and removed since the previous read on the same descriptor.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

static uint8_t buf[4096];
static int count(__wasi_fd_t dir, const char *want, int *n_out) {
  __wasi_size_t used;
  if (__wasi_fd_readdir(dir, buf, sizeof buf, 0, &used) != 0) return -1;
  int n = 0;
  size_t off = 0, wl = strlen(want);
  *n_out = 0;
  while (off + sizeof(__wasi_dirent_t) <= used) {
    __wasi_dirent_t de;
    memcpy(&de, buf + off, sizeof de);
    off += sizeof de;
    if (de.d_namlen == wl && memcmp(buf + off, want, wl) == 0) n++;
    off += de.d_namlen;
    (*n_out)++;
  }
  return n;
}
int main(void) {
  __wasi_fd_t dir;
  int total;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "rd"));
  EXPECT_OK(open_at(ROOT, 0, "rd", __WASI_OFLAGS_DIRECTORY, &dir));
  CHECK(count(dir, "new.txt", &total) == 0 && total == 2, "fresh dir: %d entries", total);
  EXPECT_OK(put_file(ROOT, "rd/new.txt", "x"));
  CHECK(count(dir, "new.txt", &total) == 1 && total == 3, "after create: new.txt not listed once (%d entries)", total);
  EXPECT_OK(__wasi_path_unlink_file(ROOT, "rd/new.txt"));
  CHECK(count(dir, "new.txt", &total) == 0 && total == 2, "after unlink: %d entries", total);
  printf("ok\n");
  return 0;
}
