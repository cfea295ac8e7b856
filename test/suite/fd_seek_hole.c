// Seeking beyond EOF is allowed and does not change the size; writing there extends the
// file and the gap reads back as zeros.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/hole.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
  CHECK(fd >= 0, "open failed");
  CHECK(write(fd, "ab", 2) == 2, "write failed");
  __wasi_filesize_t pos = 0;
  __wasi_errno_t e = __wasi_fd_seek(fd, 100000, __WASI_WHENCE_SET, &pos);
  CHECK(e == 0 && pos == 100000, "seek errno %d pos %llu", e, (unsigned long long)pos);
  struct stat st;
  CHECK(fstat(fd, &st) == 0 && st.st_size == 2, "seek changed size to %lld", (long long)st.st_size);
  char c;
  CHECK(read(fd, &c, 1) == 0, "read beyond EOF did not return 0");
  CHECK(write(fd, "XY", 2) == 2, "write at 100000 failed");
  CHECK(fstat(fd, &st) == 0 && st.st_size == 100002, "size %lld, want 100002", (long long)st.st_size);
  static char buf[100002];
  memset(buf, '#', sizeof buf);
  CHECK(pread(fd, buf, sizeof buf, 0) == (ssize_t)sizeof buf, "pread failed");
  CHECK(buf[0] == 'a' && buf[1] == 'b', "head changed");
  for (int i = 2; i < 100000; i++) CHECK(buf[i] == 0, "byte %d is 0x%02x, want 0", i, (unsigned char)buf[i]);
  CHECK(buf[100000] == 'X' && buf[100001] == 'Y', "tail wrong");
  puts("ok");
  return 0;
}
