/* Paging through fd_readdir with a small buffer, resuming each time from the d_next cookie of the last complete entry, lists every entry exactly once (no duplicates, no misses), ending with bufused < buf_len.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

#define NFILES 20
static uint8_t buf[100];
int main(void) {
  __wasi_fd_t dir;
  char name[64];
  EXPECT_OK(__wasi_path_create_directory(ROOT, "rd"));
  for (int i = 0; i < NFILES; i++) {
    snprintf(name, sizeof name, "rd/file_%02d", i);
    EXPECT_OK(put_file(ROOT, name, ""));
  }
  EXPECT_OK(open_at(ROOT, 0, "rd", __WASI_OFLAGS_DIRECTORY, &dir));
  int seen[NFILES] = {0}, dots = 0, dotdots = 0, calls = 0;
  __wasi_dircookie_t cookie = 0;
  for (;;) {
    __wasi_size_t used;
    EXPECT_OK(__wasi_fd_readdir(dir, buf, sizeof buf, cookie, &used));
    CHECK(++calls < 200, "no end of directory after 200 calls");
    size_t off = 0;
    int complete = 0;
    while (off + sizeof(__wasi_dirent_t) <= used) {
      __wasi_dirent_t de;
      memcpy(&de, buf + off, sizeof de);
      if (off + sizeof de + de.d_namlen > used) break; /* name cut off */
      CHECK(de.d_namlen < sizeof name, "d_namlen %u", (unsigned)de.d_namlen);
      memcpy(name, buf + off + sizeof de, de.d_namlen);
      name[de.d_namlen] = 0;
      off += sizeof de + de.d_namlen;
      complete++;
      cookie = de.d_next;
      int k;
      if (strcmp(name, ".") == 0) dots++;
      else if (strcmp(name, "..") == 0) dotdots++;
      else if (sscanf(name, "file_%d", &k) == 1 && k >= 0 && k < NFILES) seen[k]++;
      else FAIL("unexpected entry \"%s\"", name);
    }
    if (used < sizeof buf) break; /* end of directory */
    CHECK(complete > 0, "a full %u-byte buffer held no complete entry", (unsigned)sizeof buf);
  }
  CHECK(dots == 1 && dotdots == 1, "\".\" seen %d times, \"..\" %d times", dots, dotdots);
  for (int i = 0; i < NFILES; i++) CHECK(seen[i] == 1, "file_%02d seen %d times", i, seen[i]);
  CHECK(calls > 3, "only %d calls: buffer too big for the test to mean anything", calls);
  EXPECT_OK(__wasi_fd_close(dir));
  printf("ok\n");
  return 0;
}
