// On an O_APPEND descriptor every write goes to the current end of the file, whatever the
// cursor; afterwards the cursor is at the new end.
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int fd = open("/digits.txt", O_RDWR | O_APPEND); /* "0123456789" */
  CHECK(fd >= 0, "open failed");
  __wasi_filesize_t pos;
  CHECK(__wasi_fd_seek(fd, 2, __WASI_WHENCE_SET, &pos) == 0 && pos == 2, "seek failed");
  CHECK(write(fd, "AB", 2) == 2, "write failed");
  CHECK(__wasi_fd_tell(fd, &pos) == 0 && pos == 12, "cursor %llu after append, want 12", (unsigned long long)pos);
  CHECK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos) == 0, "seek failed");
  CHECK(write(fd, "C", 1) == 1, "write failed");
  /* a second descriptor (not appending) grows the file; appends follow the new end */
  int other = open("/digits.txt", O_WRONLY);
  CHECK(other >= 0, "second open failed");
  CHECK(pwrite(other, "xyz", 3, 13) == 3, "pwrite on second fd failed");
  CHECK(write(fd, "D", 1) == 1, "write failed");
  char buf[32] = {0};
  ssize_t r = pread(fd, buf, sizeof buf, 0);
  CHECK(r == 17 && memcmp(buf, "0123456789ABCxyzD", 17) == 0, "content %zd '%s', want '0123456789ABCxyzD'", r, buf);
  puts("ok");
  return 0;
}
