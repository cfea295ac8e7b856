// fd_pwrite past the end of a file extends it; the gap reads back as zeros.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/digits.txt", O_RDWR); /* "0123456789" */
  CHECK(fd >= 0, "open failed");
  __wasi_ciovec_t iov = {(const uint8_t *)"END", 3};
  __wasi_size_t n = 0;
  __wasi_errno_t e = __wasi_fd_pwrite(fd, &iov, 1, 20, &n);
  CHECK(e == 0 && n == 3, "fd_pwrite errno %d n %u", e, (unsigned)n);
  struct stat st;
  CHECK(fstat(fd, &st) == 0 && st.st_size == 23, "size %lld, want 23", (long long)st.st_size);
  char buf[32];
  memset(buf, '#', sizeof buf);
  ssize_t r = pread(fd, buf, sizeof buf, 0);
  CHECK(r == 23, "read %zd bytes", r);
  CHECK(memcmp(buf, "0123456789", 10) == 0, "prefix changed");
  for (int i = 10; i < 20; i++) CHECK(buf[i] == 0, "byte %d is 0x%02x, want 0", i, (unsigned char)buf[i]);
  CHECK(memcmp(buf + 20, "END", 3) == 0, "tail '%.3s'", buf + 20);
  puts("ok");
  return 0;
}
