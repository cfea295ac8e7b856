/* A chain of symlinks inside the preopen (c -> b -> a -> hello.txt, with a directory hop) resolves to the final target.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  char buf[64];
  __wasi_filestat_t t, s;
  EXPECT_OK(__wasi_path_symlink("hello.txt", ROOT, "a"));
  EXPECT_OK(__wasi_path_symlink("a", ROOT, "b"));
  EXPECT_OK(__wasi_path_symlink("b", ROOT, "c"));
  EXPECT_OK(get_file(ROOT, "c", buf, sizeof buf));
  CHECK(strcmp(buf, "hello world\n") == 0, "c read \"%s\"", buf);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &t));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, FOLLOW, "c", &s));
  CHECK(s.filetype == __WASI_FILETYPE_REGULAR_FILE, "followed filetype %d", s.filetype);
  CHECK(s.ino == t.ino && s.size == 12, "followed ino %llu size %llu, want ino %llu size 12",
        (unsigned long long)s.ino, (unsigned long long)s.size, (unsigned long long)t.ino);
  /* A chain that goes through a directory link: d2 -> d1 -> sub, then d2/inner.txt. */
  EXPECT_OK(__wasi_path_symlink("sub", ROOT, "d1"));
  EXPECT_OK(__wasi_path_symlink("d1", ROOT, "d2"));
  EXPECT_OK(__wasi_path_symlink("d2/inner.txt", ROOT, "e"));
  EXPECT_OK(get_file(ROOT, "e", buf, sizeof buf));
  CHECK(strcmp(buf, "inner\n") == 0, "e read \"%s\"", buf);
  printf("ok\n");
  return 0;
}
