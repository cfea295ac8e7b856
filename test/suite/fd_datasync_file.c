// fd_datasync on a freshly written file succeeds and the data stays readable; on a bad
// descriptor it fails with EBADF.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/datasync.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0, "open failed");
  CHECK(write(fd, "data", 4) == 4, "write failed");
  __wasi_errno_t e = __wasi_fd_datasync(fd);
  CHECK(e == 0, "fd_datasync errno %d", e);
  char buf[8] = {0};
  CHECK(pread(fd, buf, 8, 0) == 4 && memcmp(buf, "data", 4) == 0, "content after datasync '%s'", buf);
  e = __wasi_fd_datasync(555);
  CHECK(e == __WASI_ERRNO_BADF, "fd_datasync(555) errno %d, want EBADF(8)", e);
  puts("ok");
  return 0;
}
