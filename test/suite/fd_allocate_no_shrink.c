// fd_allocate over a range inside the file succeeds and never shrinks or alters it.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hello.txt", O_RDWR); /* 12 bytes */
  CHECK(fd >= 0, "open failed");
  __wasi_errno_t e = __wasi_fd_allocate(fd, 2, 4);
  CHECK(e == 0, "fd_allocate errno %d", e);
  struct stat st;
  CHECK(fstat(fd, &st) == 0 && st.st_size == 12, "size %lld, want 12", (long long)st.st_size);
  char buf[16] = {0};
  CHECK(pread(fd, buf, 16, 0) == 12 && memcmp(buf, "hello world\n", 12) == 0, "content changed");
  puts("ok");
  return 0;
}
