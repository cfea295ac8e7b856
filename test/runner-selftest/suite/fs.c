// Fixture dirs: `root` preopened as "/", legacy `dirs` under their own names; a fresh copy per
// test (creating new.txt with O_EXCL fails if a previous run or test left it behind).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
static int fails;
static void check(int ok, const char *what) {
  if (!ok) { printf("FAILED %s (errno %d: %s)\n", what, errno, strerror(errno)); fails++; }
}
static void expect_file(const char *path, const char *want) {
  char buf[64] = {0};
  FILE *f = fopen(path, "r");
  check(f != NULL, path);
  if (!f) return;
  fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  check(strcmp(buf, want) == 0, path);
}
int main(void) {
  expect_file("/data.txt", "data\n");
  expect_file("/sub/deep.txt", "deep\n");
  expect_file("fs-tests.dir/b.txt", "bee\n");
  char target[64] = {0};
  ssize_t n = readlink("/lnk", target, sizeof target - 1);
  check(n == 8 && strcmp(target, "data.txt") == 0, "readlink /lnk");
  expect_file("/lnk", "data\n");
  int fd = open("/new.txt", O_CREAT | O_EXCL | O_WRONLY, 0644);
  check(fd >= 0, "create /new.txt exclusively");
  if (fd >= 0) close(fd);
  fd = open("fs-tests.dir/new.txt", O_CREAT | O_EXCL | O_WRONLY, 0644);
  check(fd >= 0, "create fs-tests.dir/new.txt exclusively");
  if (fd >= 0) close(fd);
  check(unlink("/data.txt") == 0, "unlink /data.txt");
  if (!fails) printf("fs ok\n");
  return fails ? 1 : 0;
}
