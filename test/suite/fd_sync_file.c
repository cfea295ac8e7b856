// fd_sync on a freshly written file succeeds and the data stays readable; fd_sync on a bad
// descriptor fails with EBADF.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/sync.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0, "open failed");
  CHECK(write(fd, "synced", 6) == 6, "write failed");
  __wasi_errno_t e = __wasi_fd_sync(fd);
  CHECK(e == 0, "fd_sync errno %d", e);
  char buf[8] = {0};
  CHECK(pread(fd, buf, 8, 0) == 6 && memcmp(buf, "synced", 6) == 0, "content after sync '%s'", buf);
  e = __wasi_fd_sync(555);
  CHECK(e == __WASI_ERRNO_BADF, "fd_sync(555) errno %d, want EBADF(8)", e);
  puts("ok");
  return 0;
}
