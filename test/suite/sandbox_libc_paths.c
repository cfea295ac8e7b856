/* Through wasi-libc, absolute paths ("/hello.txt") and relative paths ("hello.txt", cwd "/")
 * both resolve inside the preopen named "/" (fd 3).
 * Fixture root path_root.dir: hello.txt = "hello world\n", sub/inner.txt = "inner\n". */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FAIL(...) do { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } while (0)
#define CHECK(cond, ...) do { if (!(cond)) FAIL(__VA_ARGS__); } while (0)

static int slurp(const char *path, char *buf, size_t cap) {
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  size_t n = fread(buf, 1, cap - 1, f);
  buf[n] = 0;
  fclose(f);
  return (int)n;
}

int main(void) {
  char buf[64];
  CHECK(slurp("/hello.txt", buf, sizeof buf) == 12 && strcmp(buf, "hello world\n") == 0,
        "fopen(\"/hello.txt\"): errno %d, read \"%s\"", errno, buf);
  CHECK(slurp("hello.txt", buf, sizeof buf) == 12 && strcmp(buf, "hello world\n") == 0,
        "fopen(\"hello.txt\"): errno %d", errno);
  CHECK(slurp("/sub/inner.txt", buf, sizeof buf) == 6 && strcmp(buf, "inner\n") == 0,
        "fopen(\"/sub/inner.txt\"): errno %d", errno);
  CHECK(slurp("./sub/../hello.txt", buf, sizeof buf) == 12, "fopen(\"./sub/../hello.txt\"): errno %d", errno);

  int fd = open("/created.txt", O_CREAT | O_WRONLY | O_EXCL, 0644);
  CHECK(fd >= 0, "open(\"/created.txt\", O_CREAT) errno %d", errno);
  CHECK(write(fd, "xyz", 3) == 3, "write errno %d", errno);
  close(fd);
  struct stat st;
  CHECK(stat("created.txt", &st) == 0 && st.st_size == 3, "stat(\"created.txt\") errno %d size %lld", errno, (long long)st.st_size);
  CHECK(S_ISREG(st.st_mode), "created.txt not a regular file");

  CHECK(stat("/", &st) == 0 && S_ISDIR(st.st_mode), "stat(\"/\") errno %d", errno);
  DIR *d = opendir("/");
  CHECK(d != NULL, "opendir(\"/\") errno %d", errno);
  int seen = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    if (strcmp(e->d_name, "hello.txt") == 0) seen++;
  closedir(d);
  CHECK(seen == 1, "hello.txt listed %d times in /", seen);

  /* ".." above "/" is "/" for libc path resolution: it must not escape either. */
  errno = 0;
  CHECK(open("/../../etc/passwd", O_RDONLY) < 0, "open(\"/../../etc/passwd\") succeeded");
  printf("ok\n");
  return 0;
}
