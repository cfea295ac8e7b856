/* path_readlink into a buffer smaller than the link content silently truncates: it succeeds and returns bufused == buf_len, writing nothing beyond the buffer.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  EXPECT_OK(__wasi_path_symlink("abcdefghij", ROOT, "lnk"));
  uint8_t buf[16];
  memset(buf, 0xAA, sizeof buf);
  __wasi_size_t n = 999;
  EXPECT_OK(__wasi_path_readlink(ROOT, "lnk", buf, 4, &n));
  CHECK(n == 4, "bufused %u, want 4", (unsigned)n);
  CHECK(memcmp(buf, "abcd", 4) == 0, "content \"%.4s\", want \"abcd\"", buf);
  for (int i = 4; i < 16; i++) CHECK(buf[i] == 0xAA, "byte %d beyond buf_len was written", i);
  /* Exactly fitting buffer. */
  EXPECT_OK(__wasi_path_readlink(ROOT, "lnk", buf, 10, &n));
  CHECK(n == 10 && memcmp(buf, "abcdefghij", 10) == 0, "exact-size readlink returned %u", (unsigned)n);
  CHECK(buf[10] == 0xAA, "byte 10 written by exact-size readlink");
  printf("ok\n");
  return 0;
}
