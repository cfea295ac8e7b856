/* fd_readdir into a buffer too small for the listing fills it completely (bufused == buf_len), even when that cuts a dirent header or a name in the middle; the partial bytes match the start of a full listing (dirent padding bytes excepted).
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

static uint8_t full[4096], part[64], padding[4096];
int main(void) {
  __wasi_fd_t dir;
  EXPECT_OK(__wasi_path_create_directory(ROOT, "rd"));
  EXPECT_OK(put_file(ROOT, "rd/a_rather_long_file_name_number_one.txt", ""));
  EXPECT_OK(put_file(ROOT, "rd/a_rather_long_file_name_number_two.txt", ""));
  EXPECT_OK(open_at(ROOT, 0, "rd", __WASI_OFLAGS_DIRECTORY, &dir));
  __wasi_size_t used_full, used;
  EXPECT_OK(__wasi_fd_readdir(dir, full, sizeof full, 0, &used_full));
  /* Mark the 3 padding bytes after d_type in each dirent: their content is unspecified. */
  for (size_t off = 0; off + sizeof(__wasi_dirent_t) <= used_full;) {
    __wasi_dirent_t de;
    memcpy(&de, full + off, sizeof de);
    padding[off + 21] = padding[off + 22] = padding[off + 23] = 1;
    off += sizeof de + de.d_namlen;
  }
  CHECK(used_full > 2 * 24 + 3 + 2 * 24, "full listing only %u bytes", (unsigned)used_full);
  static const __wasi_size_t sizes[] = {1, 10, 23, 24, 25, 30, 47, 48, 63};
  for (unsigned i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    __wasi_size_t len = sizes[i];
    memset(part, 0xAA, sizeof part);
    EXPECT_OK(__wasi_fd_readdir(dir, part, len, 0, &used));
    CHECK(used == len, "buf_len %u: bufused %u, want %u", (unsigned)len, (unsigned)used, (unsigned)len);
    for (__wasi_size_t j = 0; j < len; j++)
      CHECK(padding[j] || part[j] == full[j], "buf_len %u: byte %u is 0x%02x, full listing has 0x%02x",
            (unsigned)len, (unsigned)j, part[j], full[j]);
    if (len < sizeof part) CHECK(part[len] == 0xAA, "buf_len %u: wrote past the buffer", (unsigned)len);
  }
  EXPECT_OK(__wasi_fd_close(dir));
  printf("ok\n");
  return 0;
}
