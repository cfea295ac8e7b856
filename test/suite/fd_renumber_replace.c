// fd_renumber(a, b) closes b's old file, makes b refer to a's open file (same cursor), and
// closes a.
#include <fcntl.h>
#include <stdio.h>
#include <wasi/api.h>
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); return 1; } } while (0)

int main(void) {
  int a = open("/digits.txt", O_RDONLY); /* "0123456789" */
  int b = open("/hello.txt", O_RDONLY);  /* "hello world\n" */
  CHECK(a >= 0 && b >= 0 && a != b, "open failed");
  __wasi_filesize_t pos;
  CHECK(__wasi_fd_seek(a, 5, __WASI_WHENCE_SET, &pos) == 0, "seek failed");
  __wasi_errno_t e = __wasi_fd_renumber(a, b);
  CHECK(e == 0, "fd_renumber errno %d", e);
  char c = 0;
  __wasi_iovec_t iov = {(uint8_t *)&c, 1};
  __wasi_size_t n = 0;
  e = __wasi_fd_read(b, &iov, 1, &n);
  CHECK(e == 0 && n == 1, "read from b errno %d n %u", e, (unsigned)n);
  CHECK(c == '5', "b reads '%c', want '5' (digits.txt at offset 5)", c);
  e = __wasi_fd_read(a, &iov, 1, &n);
  CHECK(e == __WASI_ERRNO_BADF, "read from a errno %d, want EBADF(8)", e);
  e = __wasi_fd_close(a);
  CHECK(e == __WASI_ERRNO_BADF, "close a errno %d, want EBADF(8)", e);
  e = __wasi_fd_close(b);
  CHECK(e == 0, "close b errno %d", e);
  puts("ok");
  return 0;
}
