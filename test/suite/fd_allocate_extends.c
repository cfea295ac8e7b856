// fd_allocate(offset, len) past EOF grows the file to offset+len (like posix_fallocate):
// existing bytes are kept, the new range reads as zeros, the cursor does not move.
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
  __wasi_errno_t e = __wasi_fd_allocate(fd, 1000, 3096);
  CHECK(e == 0, "fd_allocate errno %d", e);
  struct stat st;
  CHECK(fstat(fd, &st) == 0 && st.st_size == 4096, "size %lld, want 4096", (long long)st.st_size);
  static char buf[4200];
  memset(buf, '#', sizeof buf);
  CHECK(pread(fd, buf, sizeof buf, 0) == 4096, "pread size");
  CHECK(memcmp(buf, "hello world\n", 12) == 0, "original content changed");
  for (int i = 12; i < 4096; i++) CHECK(buf[i] == 0, "byte %d is 0x%02x", i, (unsigned char)buf[i]);
  __wasi_filesize_t pos = 1;
  CHECK(__wasi_fd_tell(fd, &pos) == 0 && pos == 0, "cursor moved to %llu", (unsigned long long)pos);
  puts("ok");
  return 0;
}
