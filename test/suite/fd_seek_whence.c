// fd_seek with SET, CUR and END returns the new absolute offset and the next read starts there.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

static int fd;
static int at(void) {
  char c = '?';
  __wasi_iovec_t iov = {(uint8_t *)&c, 1};
  __wasi_size_t n = 0;
  if (__wasi_fd_read(fd, &iov, 1, &n) != 0 || n != 1) return -1;
  return c;
}

int main(void) {
  fd = open("/digits.txt", O_RDONLY); /* "0123456789" */
  CHECK(fd >= 0, "open failed");
  __wasi_filesize_t pos = 99;
  __wasi_errno_t e = __wasi_fd_seek(fd, 3, __WASI_WHENCE_SET, &pos);
  CHECK(e == 0 && pos == 3, "SET 3: errno %d pos %llu", e, (unsigned long long)pos);
  CHECK(at() == '3', "read after SET 3");                    /* cursor now 4 */
  e = __wasi_fd_seek(fd, 2, __WASI_WHENCE_CUR, &pos);
  CHECK(e == 0 && pos == 6, "CUR +2: errno %d pos %llu", e, (unsigned long long)pos);
  CHECK(at() == '6', "read after CUR +2");                   /* cursor now 7 */
  e = __wasi_fd_seek(fd, -5, __WASI_WHENCE_CUR, &pos);
  CHECK(e == 0 && pos == 2, "CUR -5: errno %d pos %llu", e, (unsigned long long)pos);
  CHECK(at() == '2', "read after CUR -5");
  e = __wasi_fd_seek(fd, -1, __WASI_WHENCE_END, &pos);
  CHECK(e == 0 && pos == 9, "END -1: errno %d pos %llu", e, (unsigned long long)pos);
  CHECK(at() == '9', "read after END -1");
  e = __wasi_fd_seek(fd, 0, __WASI_WHENCE_END, &pos);
  CHECK(e == 0 && pos == 10, "END 0: errno %d pos %llu", e, (unsigned long long)pos);
  e = __wasi_fd_seek(fd, 0, __WASI_WHENCE_CUR, &pos);
  CHECK(e == 0 && pos == 10, "CUR 0: errno %d pos %llu", e, (unsigned long long)pos);
  e = __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos);
  CHECK(e == 0 && pos == 0, "SET 0: errno %d pos %llu", e, (unsigned long long)pos);
  CHECK(at() == '0', "read after SET 0");
  puts("ok");
  return 0;
}
