/* A filesystem-operation interpreter for differential tests (test/unit/differential-fs.test.ts).
 * Each argument is one operation; the guest prints one line per operation: "ok" and its results,
 * or "E<errno>". Paths are relative to a base: "r" (the preopen, fd 3) or a slot number 0-7 that
 * holds a descriptor opened earlier. Text arguments contain no spaces.
 *
 *   mkdir B P | rmdir B P | unlink B P | stat B P (lstat) | statf B P (stat) | readlink B P
 *   rename B P B2 P2 | link B P B2 P2 | symlink TARGET B P
 *   open S B P FLAGS      (closes what slot S held) FLAGS: any of c (create) e (excl) t (trunc) d (directory) w (write)
 *                         f (follow a last symlink), or "-"
 *   close S | write S TEXT | pwrite S OFF TEXT | read S N | pread S OFF N
 *   seek S OFF WHENCE (s/c/e) | ftrunc S SIZE | fstat S | readdir S BUFSIZE
 *
 * stat prints type, size and nlink (never inode numbers or times, which legitimately differ);
 * readdir pages with cookies through a buffer of BUFSIZE bytes and prints the entries sorted,
 * without "." and ".." (node:wasi leaves them out), with the number of calls it took. */
#include <wasi/api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROOT 3
#define SLOTS 8
/* Set when an operation printed its own line; otherwise success prints a bare "ok". */
static int printed;
#define OUT(...) (printed = 1, printf(__VA_ARGS__))
static __wasi_fd_t slot[SLOTS];
static int used_slot[SLOTS];

#define WRITE_RIGHTS (__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_DATASYNC | \
                      __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE)

static char *tok[8];
static int ntok;

static void split(char *s) {
  ntok = 0;
  for (char *p = strtok(s, " "); p != NULL && ntok < 8; p = strtok(NULL, " ")) tok[ntok++] = p;
}

/* A base descriptor, or -1 when the slot is empty (printed as EBADF by the caller). */
static int base(const char *b, __wasi_fd_t *fd) {
  if (strcmp(b, "r") == 0) { *fd = ROOT; return 0; }
  int s = atoi(b);
  if (s < 0 || s >= SLOTS || !used_slot[s]) return -1;
  *fd = slot[s];
  return 0;
}

static int slot_fd(const char *b, __wasi_fd_t *fd) {
  int s = atoi(b);
  if (s < 0 || s >= SLOTS || !used_slot[s]) return -1;
  *fd = slot[s];
  return 0;
}

static const char *type_name(__wasi_filetype_t t) {
  switch (t) {
    case __WASI_FILETYPE_DIRECTORY: return "dir";
    case __WASI_FILETYPE_REGULAR_FILE: return "file";
    case __WASI_FILETYPE_SYMBOLIC_LINK: return "link";
    default: return "other";
  }
}

static void print_stat(const __wasi_filestat_t *st) {
  /* A directory's size and link count are the filesystem's own business (ext4: 4096, n+2 links). */
  if (st->filetype == __WASI_FILETYPE_DIRECTORY) OUT("ok dir\n");
  else OUT("ok %s size=%llu nlink=%llu\n", type_name(st->filetype), (unsigned long long)st->size, (unsigned long long)st->nlink);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static __wasi_errno_t do_readdir(__wasi_fd_t fd, size_t bufsize) {
  static uint8_t buf[4096];
  static char names[256][300];
  char *sorted[256];
  int n = 0, calls = 0;
  if (bufsize > sizeof buf) bufsize = sizeof buf;
  __wasi_dircookie_t cookie = 0;
  for (;;) {
    __wasi_size_t used;
    __wasi_errno_t e = __wasi_fd_readdir(fd, buf, bufsize, cookie, &used);
    if (e != 0) return e;
    calls++;
    size_t at = 0;
    int whole = 0;
    while (at + sizeof(__wasi_dirent_t) <= used) {
      __wasi_dirent_t d;
      memcpy(&d, buf + at, sizeof d);
      if (at + sizeof d + d.d_namlen > used) break;
      const char *name = (const char *)buf + at + sizeof d;
      int dot = (d.d_namlen == 1 && name[0] == '.') || (d.d_namlen == 2 && name[0] == '.' && name[1] == '.');
      if (!dot && n < 256 && d.d_namlen < 250) {
        memcpy(names[n], name, d.d_namlen);
        snprintf(names[n] + d.d_namlen, 300 - d.d_namlen, ":%s", type_name(d.d_type));
        sorted[n] = names[n];
        n++;
      }
      cookie = d.d_next;
      at += sizeof d + d.d_namlen;
      whole++;
    }
    if (used < bufsize) break;
    if (whole == 0) { OUT("E-small-buffer\n"); return 0; }
    if (calls > 1000) { OUT("E-endless\n"); return 0; }
  }
  qsort(sorted, n, sizeof sorted[0], cmp);
  OUT("ok");
  for (int i = 0; i < n; i++) OUT(" %s", sorted[i]);
  OUT("\n");
  return 0;
}

static __wasi_errno_t run(void) {
  const char *op = tok[0];
  __wasi_fd_t b, b2, fd;
  __wasi_filestat_t st;
#define NEED(k) do { if (ntok < (k)) { OUT("E-args\n"); return 0; } } while (0)
#define BASE(i, out) do { if (base(tok[i], &(out))) return __WASI_ERRNO_BADF; } while (0)
#define SLOT(i, out) do { if (slot_fd(tok[i], &(out))) return __WASI_ERRNO_BADF; } while (0)
  if (strcmp(op, "mkdir") == 0) { NEED(3); BASE(1, b); return __wasi_path_create_directory(b, tok[2]); }
  if (strcmp(op, "rmdir") == 0) { NEED(3); BASE(1, b); return __wasi_path_remove_directory(b, tok[2]); }
  if (strcmp(op, "unlink") == 0) { NEED(3); BASE(1, b); return __wasi_path_unlink_file(b, tok[2]); }
  if (strcmp(op, "stat") == 0 || strcmp(op, "statf") == 0) {
    NEED(3); BASE(1, b);
    __wasi_errno_t e = __wasi_path_filestat_get(b, op[4] == 'f' ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, tok[2], &st);
    if (e == 0) print_stat(&st);
    return e;
  }
  if (strcmp(op, "readlink") == 0) {
    NEED(3); BASE(1, b);
    char buf[256];
    __wasi_size_t n;
    __wasi_errno_t e = __wasi_path_readlink(b, tok[2], (uint8_t *)buf, sizeof buf, &n);
    if (e == 0) OUT("ok %.*s\n", (int)n, buf);
    return e;
  }
  if (strcmp(op, "rename") == 0 || strcmp(op, "link") == 0) {
    NEED(5); BASE(1, b); BASE(3, b2);
    return op[0] == 'r' ? __wasi_path_rename(b, tok[2], b2, tok[4]) : __wasi_path_link(b, 0, tok[2], b2, tok[4]);
  }
  if (strcmp(op, "symlink") == 0) { NEED(4); BASE(2, b); return __wasi_path_symlink(tok[1], b, tok[3]); }
  if (strcmp(op, "open") == 0) {
    NEED(5); BASE(2, b);
    int s = atoi(tok[1]);
    if (s < 0 || s >= SLOTS) { OUT("E-slot\n"); return 0; }
    /* Reusing a slot closes what it held first. */
    if (used_slot[s]) { (void)!__wasi_fd_close(slot[s]); used_slot[s] = 0; }
    const char *f = tok[4];
    __wasi_oflags_t of = 0;
    if (strchr(f, 'c')) of |= __WASI_OFLAGS_CREAT;
    if (strchr(f, 'e')) of |= __WASI_OFLAGS_EXCL;
    if (strchr(f, 't')) of |= __WASI_OFLAGS_TRUNC;
    if (strchr(f, 'd')) of |= __WASI_OFLAGS_DIRECTORY;
    __wasi_fdstat_t ds;
    __wasi_rights_t rights = 0;
    if (__wasi_fd_fdstat_get(b, &ds) == 0) rights = ds.fs_rights_inheriting;
    if (!strchr(f, 'w')) rights &= ~(__wasi_rights_t)WRITE_RIGHTS;
    __wasi_lookupflags_t lf = strchr(f, 'f') ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0;
    __wasi_errno_t e = __wasi_path_open(b, lf, tok[3], of, rights, rights, 0, &fd);
    if (e != 0) return e;
    slot[s] = fd;
    used_slot[s] = 1;
    OUT("ok\n");
    return 0;
  }
  if (strcmp(op, "close") == 0) {
    NEED(2); SLOT(1, fd);
    used_slot[atoi(tok[1])] = 0;
    return __wasi_fd_close(fd);
  }
  if (strcmp(op, "write") == 0 || strcmp(op, "pwrite") == 0) {
    int p = op[0] == 'p';
    NEED(3 + p); SLOT(1, fd);
    const char *text = tok[2 + p];
    __wasi_ciovec_t iov = {(const uint8_t *)text, strlen(text)};
    __wasi_size_t n;
    __wasi_errno_t e = p ? __wasi_fd_pwrite(fd, &iov, 1, strtoull(tok[2], NULL, 10), &n) : __wasi_fd_write(fd, &iov, 1, &n);
    if (e == 0) OUT("ok %u\n", (unsigned)n);
    return e;
  }
  if (strcmp(op, "read") == 0 || strcmp(op, "pread") == 0) {
    int p = op[0] == 'p';
    NEED(3 + p); SLOT(1, fd);
    char buf[512];
    size_t want = strtoull(tok[2 + p], NULL, 10);
    if (want > sizeof buf) want = sizeof buf;
    __wasi_iovec_t iov = {(uint8_t *)buf, want};
    __wasi_size_t n;
    __wasi_errno_t e = p ? __wasi_fd_pread(fd, &iov, 1, strtoull(tok[2], NULL, 10), &n) : __wasi_fd_read(fd, &iov, 1, &n);
    if (e != 0) return e;
    OUT("ok %u ", (unsigned)n);
    for (size_t i = 0; i < n; i++) putchar(buf[i] >= 32 && buf[i] < 127 ? buf[i] : '.');
    OUT("\n");
    return 0;
  }
  if (strcmp(op, "seek") == 0) {
    NEED(4); SLOT(1, fd);
    __wasi_whence_t w = tok[3][0] == 's' ? __WASI_WHENCE_SET : tok[3][0] == 'c' ? __WASI_WHENCE_CUR : __WASI_WHENCE_END;
    __wasi_filesize_t pos;
    __wasi_errno_t e = __wasi_fd_seek(fd, strtoll(tok[2], NULL, 10), w, &pos);
    if (e == 0) OUT("ok %llu\n", (unsigned long long)pos);
    return e;
  }
  if (strcmp(op, "ftrunc") == 0) { NEED(3); SLOT(1, fd); return __wasi_fd_filestat_set_size(fd, strtoull(tok[2], NULL, 10)); }
  if (strcmp(op, "fstat") == 0) {
    NEED(2); SLOT(1, fd);
    __wasi_errno_t e = __wasi_fd_filestat_get(fd, &st);
    if (e == 0) print_stat(&st);
    return e;
  }
  if (strcmp(op, "readdir") == 0) { NEED(3); SLOT(1, fd); return do_readdir(fd, strtoull(tok[2], NULL, 10)); }
  OUT("E-unknown-op\n");
  return 0;
}

int main(int argc, char **argv) {
  static char line[1024];
  for (int i = 1; i < argc; i++) {
    snprintf(line, sizeof line, "%s", argv[i]);
    split(line);
    if (ntok == 0) { printf("E-empty\n"); continue; }
    printed = 0;
    __wasi_errno_t e = run();
    if (e != 0) printf("E%d\n", (int)e);
    else if (!printed) printf("ok\n");
  }
  return 0;
}
