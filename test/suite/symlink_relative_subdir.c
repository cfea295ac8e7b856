/* A relative symlink inside a subdirectory is resolved relative to the directory containing the link, not the root or the caller's dirfd.
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "path_helpers.h"

int main(void) {
  char buf[64];
  EXPECT_OK(__wasi_path_symlink("inner.txt", ROOT, "sub/l1"));
  EXPECT_OK(__wasi_path_symlink("../hello.txt", ROOT, "sub/l2"));
  EXPECT_OK(get_file(ROOT, "sub/l1", buf, sizeof buf));
  CHECK(strcmp(buf, "inner\n") == 0, "sub/l1 read \"%s\", want the content of sub/inner.txt", buf);
  EXPECT_OK(get_file(ROOT, "sub/l2", buf, sizeof buf));
  CHECK(strcmp(buf, "hello world\n") == 0, "sub/l2 read \"%s\"", buf);
  /* A root-level "inner.txt" must not be picked up instead. */
  EXPECT_OK(put_file(ROOT, "inner.txt", "WRONG\n"));
  EXPECT_OK(get_file(ROOT, "sub/l1", buf, sizeof buf));
  CHECK(strcmp(buf, "inner\n") == 0, "sub/l1 read \"%s\" after adding /inner.txt", buf);
  /* Same through a descriptor for sub (l2 is not used here: relative to that descriptor,
   * "../hello.txt" would climb above it; see sandbox_subdir_fd). */
  __wasi_fd_t sub;
  EXPECT_OK(open_at(ROOT, 0, "sub", __WASI_OFLAGS_DIRECTORY, &sub));
  EXPECT_OK(get_file(sub, "l1", buf, sizeof buf));
  CHECK(strcmp(buf, "inner\n") == 0, "l1 via sub fd read \"%s\"", buf);
  EXPECT_OK(__wasi_path_symlink("l1", sub, "l3"));
  EXPECT_OK(get_file(ROOT, "sub/l3", buf, sizeof buf));
  CHECK(strcmp(buf, "inner\n") == 0, "sub/l3 read \"%s\"", buf);
  printf("ok\n");
  return 0;
}
