// fd_renumber(1, f) moves stdout onto descriptor f (replacing the file open there): writes
// to f reach stdout and descriptor 1 is closed afterwards.
#include <fcntl.h>
#include <string.h>
#include <wasi/api.h>

static void say(int fd, const char *s) {
  __wasi_ciovec_t iov = {(const uint8_t *)s, strlen(s)};
  __wasi_size_t n;
  if (__wasi_fd_write(fd, &iov, 1, &n) != 0) __wasi_proc_exit(9);
}

int main(void) {
  int f = open("/hello.txt", O_RDONLY);
  if (f < 0) { say(1, "FAIL: open hello.txt\n"); return 1; }
  __wasi_errno_t e = __wasi_fd_renumber(1, f);
  if (e != 0) { say(1, "FAIL: fd_renumber(1, f)\n"); return 2; }
  __wasi_ciovec_t iov = {(const uint8_t *)"x", 1};
  __wasi_size_t n = 0;
  e = __wasi_fd_write(1, &iov, 1, &n);
  if (e != __WASI_ERRNO_BADF) { say(f, "FAIL: fd 1 still open after renumber\n"); return 3; }
  __wasi_fdstat_t st;
  e = __wasi_fd_fdstat_get(f, &st);
  if (e != 0 || !(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE)) { say(f, "FAIL: fdstat of renumbered fd\n"); return 4; }
  say(f, "ok\n");
  return 0;
}
