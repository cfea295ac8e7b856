// fd_filestat_get on a regular file reports REGULAR_FILE, its size, nlink >= 1 and
// plausible (post-2000) modification time; on a bad descriptor it fails with EBADF.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDONLY);
  CHECK(fd >= 0, "open failed");
  __wasi_filestat_t st;
  __wasi_errno_t e = __wasi_fd_filestat_get(fd, &st);
  CHECK(e == 0, "fd_filestat_get errno %d", e);
  CHECK(st.filetype == __WASI_FILETYPE_REGULAR_FILE, "filetype %d, want REGULAR_FILE(4)", st.filetype);
  CHECK(st.size == 12, "size %llu, want 12", (unsigned long long)st.size);
  CHECK(st.nlink >= 1, "nlink %llu", (unsigned long long)st.nlink);
  CHECK(st.mtim > 946684800ull * 1000000000ull, "mtim %llu before 2000", (unsigned long long)st.mtim);
  e = __wasi_fd_filestat_get(555, &st);
  CHECK(e == __WASI_ERRNO_BADF, "fd_filestat_get(555) errno %d, want EBADF(8)", e);
  puts("ok");
  return 0;
}
