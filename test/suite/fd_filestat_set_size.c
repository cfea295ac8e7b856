// fd_filestat_set_size grows a file with zeros and shrinks it, without moving the cursor.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

static long long size_of(int fd) {
  __wasi_filestat_t st;
  return __wasi_fd_filestat_get(fd, &st) == 0 ? (long long)st.size : -1;
}

int main(void) {
  int fd = open("/digits.txt", O_RDWR); /* "0123456789" */
  CHECK(fd >= 0, "open failed");
  __wasi_filesize_t pos;
  CHECK(__wasi_fd_seek(fd, 3, __WASI_WHENCE_SET, &pos) == 0, "seek failed");
  __wasi_errno_t e = __wasi_fd_filestat_set_size(fd, 20);
  CHECK(e == 0, "set_size(20) errno %d", e);
  CHECK(size_of(fd) == 20, "size %lld, want 20", size_of(fd));
  char buf[32];
  memset(buf, '#', sizeof buf);
  CHECK(pread(fd, buf, sizeof buf, 0) == 20, "pread size");
  CHECK(memcmp(buf, "0123456789", 10) == 0, "prefix changed");
  for (int i = 10; i < 20; i++) CHECK(buf[i] == 0, "byte %d is 0x%02x, want 0", i, (unsigned char)buf[i]);
  e = __wasi_fd_filestat_set_size(fd, 4);
  CHECK(e == 0, "set_size(4) errno %d", e);
  CHECK(size_of(fd) == 4, "size %lld, want 4", size_of(fd));
  memset(buf, '#', sizeof buf);
  CHECK(pread(fd, buf, sizeof buf, 0) == 4 && memcmp(buf, "0123", 4) == 0, "content after shrink");
  CHECK(__wasi_fd_tell(fd, &pos) == 0 && pos == 3, "cursor moved to %llu", (unsigned long long)pos);
  e = __wasi_fd_filestat_set_size(fd, 0);
  CHECK(e == 0 && size_of(fd) == 0, "set_size(0) errno %d size %lld", e, size_of(fd));
  puts("ok");
  return 0;
}
