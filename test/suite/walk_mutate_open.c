/* Entries are created, renamed and removed three levels down (m/n/o) while descriptors on that
 * directory and on its parent (m/n), both opened through nested paths, stay open. Each listing
 * pages through fd_readdir with a small buffer (several calls, resuming at the last whole entry's
 * cookie) and is printed sorted, before and after the changes.
 * Fixture root walk.dir: m/keep.txt, m/n/n.txt, m/n/o/{gone.txt, old.txt, p/p.txt}. */
#include <stdlib.h>
#include "path_helpers.h"

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Print "label: name name ..." (sorted, without "." and ".."); returns 0 or 1 on failure. */
static int list(const char *label, __wasi_fd_t fd) {
  static char names[32][64];
  char *sorted[32];
  int n = 0, calls = 0;
  uint8_t buf[48]; /* a dirent header is 24 bytes: at most one short entry per call */
  __wasi_dircookie_t cookie = 0;
  for (;;) {
    __wasi_size_t used;
    EXPECT_OK(__wasi_fd_readdir(fd, buf, sizeof buf, cookie, &used));
    calls++;
    size_t at = 0;
    int whole = 0;
    while (at + sizeof(__wasi_dirent_t) <= used) {
      __wasi_dirent_t d;
      memcpy(&d, buf + at, sizeof d);
      if (at + sizeof d + d.d_namlen > used) break; /* cut by the end of the buffer */
      const char *name = (const char *)buf + at + sizeof d;
      if (!(d.d_namlen == 1 && name[0] == '.') && !(d.d_namlen == 2 && name[0] == '.' && name[1] == '.')) {
        CHECK(n < 32 && d.d_namlen < 64, "%s: too many or too long entries", label);
        memcpy(names[n], name, d.d_namlen);
        names[n][d.d_namlen] = 0;
        sorted[n] = names[n];
        n++;
      }
      cookie = d.d_next;
      at += sizeof d + d.d_namlen;
      whole++;
    }
    if (used < sizeof buf) break; /* the end of the directory */
    CHECK(whole > 0, "%s: an entry does not fit in %zu bytes", label, sizeof buf);
    CHECK(calls < 100, "%s: fd_readdir does not end", label);
  }
  CHECK(calls > 1 || n == 0, "%s: one call listed everything with a %zu-byte buffer", label, sizeof buf);
  qsort(sorted, n, sizeof sorted[0], cmp);
  printf("%s:", label);
  for (int i = 0; i < n; i++) printf(" %s", sorted[i]);
  printf("\n");
  return 0;
}

/* Read `path` under `dir` and compare with `want`. */
static int expect_file(__wasi_fd_t dir, const char *path, const char *want) {
  __wasi_fd_t fd;
  EXPECT_OK(open_at(dir, 0, path, 0, &fd));
  char got[64];
  __wasi_iovec_t iov = {(uint8_t *)got, sizeof got};
  __wasi_size_t n;
  EXPECT_OK(__wasi_fd_read(fd, &iov, 1, &n));
  CHECK(n == strlen(want) && memcmp(got, want, n) == 0, "%s: read %u bytes, want \"%s\"", path, (unsigned)n, want);
  __wasi_filestat_t st;
  EXPECT_OK(__wasi_path_filestat_get(dir, 0, path, &st));
  CHECK(st.size == strlen(want), "%s: size %llu", path, (unsigned long long)st.size);
  EXPECT_OK(__wasi_fd_close(fd));
  return 0;
}

int main(void) {
  __wasi_fd_t parent, dir;
  EXPECT_OK(open_at(ROOT, 0, "m/n", __WASI_OFLAGS_DIRECTORY, &parent));
  EXPECT_OK(open_at(ROOT, 0, "m/n/o", __WASI_OFLAGS_DIRECTORY, &dir));
  if (list("m/n before", parent) || list("m/n/o before", dir)) return 1;

  /* Created through the root, through the parent and through the directory itself. */
  EXPECT_OK(put_file(ROOT, "m/n/o/new.txt", "new\n"));
  EXPECT_OK(__wasi_path_create_directory(parent, "o/q"));
  EXPECT_OK(__wasi_path_create_directory(dir, "tmp"));
  /* Renamed across directories: down into q, up into the parent. */
  EXPECT_OK(__wasi_path_rename(dir, "old.txt", dir, "q/renamed.txt"));
  EXPECT_OK(__wasi_path_rename(ROOT, "m/n/o/p", parent, "p_up"));
  /* Removed. */
  EXPECT_OK(__wasi_path_unlink_file(parent, "o/gone.txt"));
  EXPECT_OK(__wasi_path_remove_directory(ROOT, "m/n/o/tmp"));
  __wasi_filestat_t st;
  EXPECT_ERRNO(__wasi_path_filestat_get(dir, 0, "gone.txt", &st), __WASI_ERRNO_NOENT);
  EXPECT_ERRNO(__wasi_path_filestat_get(dir, 0, "old.txt", &st), __WASI_ERRNO_NOENT);

  if (list("m/n after", parent) || list("m/n/o after", dir)) return 1;
  if (expect_file(dir, "q/renamed.txt", "old\n") || expect_file(dir, "new.txt", "new\n") ||
      expect_file(parent, "p_up/p.txt", "p\n") || expect_file(ROOT, "m/n/o/q/renamed.txt", "old\n")) return 1;

  /* A fresh descriptor on the same directory lists the same. */
  __wasi_fd_t again;
  EXPECT_OK(open_at(ROOT, 0, "m/./n/o/q/..", __WASI_OFLAGS_DIRECTORY, &again));
  if (list("m/n/o again", again)) return 1;
  EXPECT_OK(__wasi_fd_close(again));
  EXPECT_OK(__wasi_fd_close(dir));
  EXPECT_OK(__wasi_fd_close(parent));
  printf("ok\n");
  return 0;
}
