// fd_fdstat_get on files: REGULAR_FILE type; read/write rights follow the open mode;
// the APPEND flag is reported for O_APPEND descriptors only.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  __wasi_fdstat_t st;
  int rw = open("/hello.txt", O_RDWR);
  CHECK(rw >= 0, "open O_RDWR failed");
  __wasi_errno_t e = __wasi_fd_fdstat_get(rw, &st);
  CHECK(e == 0, "fdstat_get errno %d", e);
  CHECK(st.fs_filetype == __WASI_FILETYPE_REGULAR_FILE, "filetype %d, want REGULAR_FILE(4)", st.fs_filetype);
  CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_READ, "O_RDWR fd lacks FD_READ");
  CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE, "O_RDWR fd lacks FD_WRITE");
  CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_SEEK, "file fd lacks FD_SEEK");
  CHECK(!(st.fs_flags & __WASI_FDFLAGS_APPEND), "APPEND set without O_APPEND (flags 0x%x)", st.fs_flags);

  int ro = open("/hello.txt", O_RDONLY);
  CHECK(ro >= 0, "open O_RDONLY failed");
  e = __wasi_fd_fdstat_get(ro, &st);
  CHECK(e == 0, "fdstat_get errno %d", e);
  CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_READ, "O_RDONLY fd lacks FD_READ");
  CHECK(!(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE), "O_RDONLY fd has FD_WRITE");

  int ap = open("/hello.txt", O_WRONLY | O_APPEND);
  CHECK(ap >= 0, "open O_APPEND failed");
  e = __wasi_fd_fdstat_get(ap, &st);
  CHECK(e == 0, "fdstat_get errno %d", e);
  CHECK(st.fs_flags & __WASI_FDFLAGS_APPEND, "O_APPEND fd lacks APPEND flag (flags 0x%x)", st.fs_flags);
  CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE, "O_APPEND fd lacks FD_WRITE");

  e = __wasi_fd_fdstat_get(4321, &st);
  CHECK(e == __WASI_ERRNO_BADF, "fdstat_get(4321) errno %d, want EBADF(8)", e);
  puts("ok");
  return 0;
}
