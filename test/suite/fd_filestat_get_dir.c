// fd_filestat_get on a directory descriptor reports DIRECTORY.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/subdir", O_RDONLY | O_DIRECTORY);
  CHECK(fd >= 0, "open failed");
  __wasi_filestat_t st;
  __wasi_errno_t e = __wasi_fd_filestat_get(fd, &st);
  CHECK(e == 0, "fd_filestat_get errno %d", e);
  CHECK(st.filetype == __WASI_FILETYPE_DIRECTORY, "filetype %d, want DIRECTORY(3)", st.filetype);
  __wasi_fdstat_t fs;
  e = __wasi_fd_fdstat_get(fd, &fs);
  CHECK(e == 0 && fs.fs_filetype == __WASI_FILETYPE_DIRECTORY, "fdstat filetype %d errno %d", fs.fs_filetype, e);
  puts("ok");
  return 0;
}
