/* path_filestat_get reports filetype, size and nlink: hello.txt is a 12-byte REGULAR_FILE with nlink 1, sub/inner.txt is 6 bytes, "sub" and "." are DIRECTORY; a fresh file's size follows writes.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &st));
  CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE, "hello.txt filetype %d", st.filetype);
  CHECK(st.size == 12, "hello.txt size %llu, want 12", (unsigned long long)st.size);
  CHECK(st.nlink == 1, "hello.txt nlink %llu, want 1", (unsigned long long)st.nlink);
  CHECK(st.ino != 0, "hello.txt ino is 0");
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub/inner.txt", &st));
  CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE && st.size == 6, "sub/inner.txt filetype %d size %llu", st.filetype, (unsigned long long)st.size);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sub", &st));
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, "sub filetype %d", st.filetype);
  CHECK(st.nlink >= 1, "sub nlink %llu", (unsigned long long)st.nlink);
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, ".", &st));
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, ". filetype %d", st.filetype);
  EXPECT_OK(put_file(ROOT, "sized.txt", "0123456789abcdefghij"));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, FOLLOW, "sized.txt", &st));
  CHECK(st.size == 20, "sized.txt size %llu, want 20", (unsigned long long)st.size);
  /* Distinct files have distinct inodes. */
  __wasi_filestat_t a, b;
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "hello.txt", &a));
  EXPECT_OK(__wasi_path_filestat_get(ROOT, 0, "sized.txt", &b));
  CHECK(a.ino != b.ino || a.dev != b.dev, "hello.txt and sized.txt share dev/ino");
  printf("ok\n");
  return 0;
}
