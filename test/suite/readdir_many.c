/* A directory with 300 files is listed completely by wasi-libc's opendir/readdir (which pages
 * through fd_readdir with cookies): every file exactly once, plus "." and "..".
 * Fixture root path_root.dir. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FAIL(...) do { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } while (0)
#define CHECK(cond, ...) do { if (!(cond)) FAIL(__VA_ARGS__); } while (0)
#define N 300

int main(void) {
  char path[64];
  CHECK(mkdir("/many", 0755) == 0, "mkdir errno %d", errno);
  for (int i = 0; i < N; i++) {
    snprintf(path, sizeof path, "/many/entry_with_a_longish_name_%03d", i);
    int fd = open(path, O_CREAT | O_WRONLY | O_EXCL, 0644);
    CHECK(fd >= 0, "open(%s) errno %d", path, errno);
    close(fd);
  }
  static int seen[N];
  int dots = 0;
  DIR *d = opendir("/many");
  CHECK(d != NULL, "opendir errno %d", errno);
  struct dirent *e;
  errno = 0;
  while ((e = readdir(d)) != NULL) {
    int k;
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) { dots++; continue; }
    CHECK(sscanf(e->d_name, "entry_with_a_longish_name_%d", &k) == 1 && k >= 0 && k < N, "unexpected entry \"%s\"", e->d_name);
    CHECK(e->d_type == DT_REG, "\"%s\" d_type %d, want DT_REG", e->d_name, e->d_type);
    seen[k]++;
  }
  CHECK(errno == 0, "readdir ended with errno %d", errno);
  closedir(d);
  CHECK(dots == 2, "\".\"/\"..\" seen %d times in total, want 2", dots);
  for (int i = 0; i < N; i++) CHECK(seen[i] == 1, "entry %03d seen %d times", i, seen[i]);
  printf("ok\n");
  return 0;
}
