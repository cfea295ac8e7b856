/* A recursive walk as a guest program writes it: opendir/readdir/stat/fopen through wasi-libc,
 * five directory levels down. Every directory below the first is opened through a path of two or
 * more components, which NodeFS once answered with EBADF at fd_readdir. Entries are printed
 * sorted, so the output does not depend on the host's listing order.
 * Each entry's d_ino must equal its lstat's st_ino; "." and "..", when the host lists them,
 * must carry the inode of the directory and of its parent.
 * Fixture root walk.dir: top.txt, a/one.txt, a/b/two.txt, ... a/b/c/d/e/five.txt, a/x/y.txt, m/... */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FAIL(...) do { printf("FAIL: "); printf(__VA_ARGS__); printf("\n"); exit(1); } while (0)

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int max_depth = 0;

static void walk(const char *dir, ino_t parent_ino, int depth) {
  if (depth > max_depth) max_depth = depth;
  struct stat self;
  if (lstat(dir, &self) != 0) FAIL("lstat %s: %s", dir, strerror(errno));
  DIR *d = opendir(dir);
  if (d == NULL) FAIL("opendir %s: %s", dir, strerror(errno));
  char *names[64];
  int n = 0;
  errno = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0) {
      if (e->d_ino != self.st_ino) FAIL("%s: '.' has d_ino %llu, stat says %llu", dir, (unsigned long long)e->d_ino, (unsigned long long)self.st_ino);
      continue;
    }
    if (strcmp(e->d_name, "..") == 0) {
      if (e->d_ino != parent_ino) FAIL("%s: '..' has d_ino %llu, parent's stat says %llu", dir, (unsigned long long)e->d_ino, (unsigned long long)parent_ino);
      continue;
    }
    if (n == 64) FAIL("%s: too many entries", dir);
    char path[512];
    snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, e->d_name);
    struct stat st;
    if (lstat(path, &st) != 0) FAIL("lstat %s: %s", path, strerror(errno));
    if (e->d_ino != st.st_ino) FAIL("%s: d_ino %llu, lstat st_ino %llu", path, (unsigned long long)e->d_ino, (unsigned long long)st.st_ino);
    names[n++] = strdup(e->d_name);
    errno = 0;
  }
  if (errno != 0) FAIL("readdir %s: %s", dir, strerror(errno));
  if (closedir(d) != 0) FAIL("closedir %s: %s", dir, strerror(errno));
  qsort(names, n, sizeof names[0], cmp);
  for (int i = 0; i < n; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, names[i]);
    struct stat st;
    if (stat(path, &st) != 0) FAIL("stat %s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) {
      printf("%s/\n", path);
      walk(path, self.st_ino, depth + 1);
    } else if (S_ISREG(st.st_mode)) {
      FILE *f = fopen(path, "r");
      if (f == NULL) FAIL("fopen %s: %s", path, strerror(errno));
      char buf[64];
      size_t got = fread(buf, 1, sizeof buf - 1, f);
      fclose(f);
      buf[got] = 0;
      if ((long long)got != (long long)st.st_size) FAIL("%s: read %zu bytes, st_size %lld", path, got, (long long)st.st_size);
      printf("%s %lld %s", path, (long long)st.st_size, buf);
    } else {
      FAIL("%s: unexpected mode %o", path, (unsigned)st.st_mode);
    }
    free(names[i]);
  }
}

int main(void) {
  struct stat root;
  if (lstat("/", &root) != 0) FAIL("lstat /: %s", strerror(errno));
  walk("/", root.st_ino, 0);
  if (max_depth != 5) FAIL("deepest directory level %d, want 5", max_depth);
  printf("ok\n");
  return 0;
}
