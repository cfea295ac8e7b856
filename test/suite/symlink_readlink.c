/* path_readlink returns the link content verbatim (no normalisation, no NUL added, rest of the buffer untouched), whether or not the target exists.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

static int check_link(const char *target, const char *name) {
  uint8_t buf[64];
  memset(buf, 0xAA, sizeof buf);
  __wasi_size_t n = 999;
  __wasi_errno_t e = __wasi_path_readlink(ROOT, name, buf, sizeof buf, &n);
  if (e != 0) { printf("FAIL: readlink(%s) errno %d\n", name, e); return 1; }
  size_t len = strlen(target);
  if (n != len || memcmp(buf, target, len) != 0) {
    printf("FAIL: readlink(%s) returned %u bytes \"%.*s\", want \"%s\"\n", name, (unsigned)n, (int)n, buf, target);
    return 1;
  }
  for (size_t i = len; i < sizeof buf; i++)
    if (buf[i] != 0xAA) { printf("FAIL: readlink(%s) wrote byte %u past the content\n", name, (unsigned)i); return 1; }
  return 0;
}
int main(void) {
  static const char *targets[] = {"hello.txt", "sub/../hello.txt", "./sub//inner.txt/", "does/not/exist", "caf\xc3\xa9"};
  static const char *names[] = {"l1", "l2", "l3", "l4", "sub/l5"};
  for (int i = 0; i < 5; i++) {
    EXPECT_OK(__wasi_path_symlink(targets[i], ROOT, names[i]));
    if (check_link(targets[i], names[i])) return 1;
  }
  printf("ok\n");
  return 0;
}
