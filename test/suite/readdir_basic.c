/* fd_readdir lists ".", ".." and every entry exactly once with the right d_type (DIRECTORY, REGULAR_FILE, SYMBOLIC_LINK) and d_namlen; entries' d_ino is nonzero and equals path_filestat_get's ino (no-follow); a buffer not filled up means the end was reached.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

static uint8_t buf[4096];
int main(void) {
  __wasi_fd_t dir;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "rd"));
  EXPECT_OK(put_file(ROOT, "rd/a.txt", "abc"));
  EXPECT_OK(__wasi_path_create_directory(ROOT, "rd/d"));
  EXPECT_OK(__wasi_path_symlink("a.txt", ROOT, "rd/l"));
  EXPECT_OK(open_at(ROOT, 0, "rd", __WASI_OFLAGS_DIRECTORY, &dir));
  __wasi_size_t used;
  EXPECT_OK(__wasi_fd_readdir(dir, buf, sizeof buf, 0, &used));
  CHECK(used < sizeof buf, "bufused %u == buf_len for a 5-entry directory", (unsigned)used);
  static const char *names[] = {".", "..", "a.txt", "d", "l"};
  static const __wasi_filetype_t types[] = {__WASI_FILETYPE_DIRECTORY, __WASI_FILETYPE_DIRECTORY,
                                            __WASI_FILETYPE_REGULAR_FILE, __WASI_FILETYPE_DIRECTORY,
                                            __WASI_FILETYPE_SYMBOLIC_LINK};
  int seen[5] = {0};
  size_t off = 0;
  while (off < used) {
    CHECK(off + sizeof(__wasi_dirent_t) <= used, "truncated dirent header at offset %u (used %u)", (unsigned)off, (unsigned)used);
    __wasi_dirent_t de;
    memcpy(&de, buf + off, sizeof de);
    off += sizeof de;
    CHECK(off + de.d_namlen <= used, "truncated name at offset %u", (unsigned)off);
    char name[64];
    CHECK(de.d_namlen < sizeof name, "d_namlen %u too long", (unsigned)de.d_namlen);
    memcpy(name, buf + off, de.d_namlen);
    name[de.d_namlen] = 0;
    off += de.d_namlen;
    int k = -1;
    for (int i = 0; i < 5; i++) if (strcmp(name, names[i]) == 0) k = i;
    CHECK(k >= 0, "unexpected entry \"%s\"", name);
    seen[k]++;
    CHECK(de.d_type == types[k], "\"%s\" d_type %d, want %d", name, de.d_type, types[k]);
    if (k >= 2) {
      __wasi_filestat_t st;
      EXPECT_OK(__wasi_path_filestat_get(dir, 0, name, &st));
      CHECK(de.d_ino != 0, "\"%s\" d_ino is 0", name);
      CHECK(de.d_ino == st.ino, "\"%s\" d_ino %llu != filestat ino %llu", name, (unsigned long long)de.d_ino, (unsigned long long)st.ino);
    }
  }
  for (int i = 0; i < 5; i++) CHECK(seen[i] == 1, "\"%s\" listed %d times", names[i], seen[i]);
  EXPECT_OK(__wasi_fd_close(dir));
  printf("ok\n");
  return 0;
}
